using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;

namespace Pointspot.Grains.Automation;

/// <summary>Checks rules and decides which ledger entry makes a rule fire, and for which occasion.</summary>
public static class AutomationRules
{
    public const int MaxNameLength = 100;
    public const int MaxRules = 50;
    public const int MaxNoVisitDays = 3650;

    public static PointspotError? Check(AutomationRuleInput input, IReadOnlyDictionary<AutomationActionKind, IAutomationAction> actions)
    {
        string name = input.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return Invalid($"Rule name \"{input.Name}\" is empty or too long: give 1 to {MaxNameLength} characters.");
        }

        if (!Enum.IsDefined(input.Trigger))
        {
            return Invalid($"Rule \"{name}\" has trigger {input.Trigger}, which is unknown: use NTH_VISIT, "
                + "POINTS_THRESHOLD, SIGN_UP, BIRTHDAY_MONTH or NO_VISIT_DAYS.");
        }

        if (CheckThreshold(name, input) is { } badThreshold)
        {
            return badThreshold;
        }

        if (!actions.TryGetValue(input.Action, out var action))
        {
            return Invalid($"Rule \"{name}\" has action {input.Action}, which automation cannot do: use AWARD_POINTS or SEND_COUPON.");
        }

        return action.Check(input);
    }

    /// <summary>
    /// Returns the occasion on which <paramref name="entry"/> makes <paramref name="rule"/> fire, or
    /// null. NTH_VISIT fires on the member's EARN number threshold; POINTS_THRESHOLD fires on the
    /// credit whose lifetime total first reaches the threshold (inclusive). Entries recorded before
    /// the rule was added never fire it, so a new rule does not reward the past.
    /// </summary>
    public static string? OccasionOf(AutomationRuleView rule, AutomationEntry entry) => rule.Trigger switch
    {
        _ when entry.RecordedAt < rule.CreatedAt => null,
        AutomationTrigger.NthVisit when entry.VisitNumber == rule.Threshold => $"visit-{rule.Threshold}",
        AutomationTrigger.PointsThreshold when entry.Points > 0 && entry.LifetimeAfter >= rule.Threshold
            && entry.LifetimeAfter - entry.Points < rule.Threshold => $"lifetime-{rule.Threshold}",
        _ => null,
    };

    /// <summary>Returns whether the trigger is met by a member's state, found by a member scan, not by a ledger entry.</summary>
    public static bool IsMemberScan(AutomationTrigger trigger) =>
        trigger is AutomationTrigger.SignUp or AutomationTrigger.BirthdayMonth or AutomationTrigger.NoVisitDays;

    private static PointspotError? CheckThreshold(string name, AutomationRuleInput input) => input.Trigger switch
    {
        AutomationTrigger.SignUp or AutomationTrigger.BirthdayMonth when input.Threshold != 1 =>
            Invalid($"Rule \"{name}\" has threshold {input.Threshold}, but {input.Trigger} takes none: give 1 or leave it out."),
        AutomationTrigger.NoVisitDays when input.Threshold is < 1 or > MaxNoVisitDays =>
            Invalid($"Rule \"{name}\" waits {input.Threshold} days without a visit: give 1 to {MaxNoVisitDays} days."),
        _ when input.Threshold <= 0 =>
            Invalid($"Rule \"{name}\" has threshold {input.Threshold}: give the visit number or the lifetime points, 1 or more."),
        _ => null,
    };

    private static PointspotError Invalid(string message) => new(ErrorCodes.InvalidAutomationRule, message);
}
