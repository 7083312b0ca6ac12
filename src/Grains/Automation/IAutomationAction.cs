using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Automation;

/// <summary>One firing of a rule: the idempotency key of its effect names the rule, member and occasion.</summary>
public sealed record AutomationFiring(Guid MerchantId, AutomationRuleView Rule, PhoneNumber Phone, string Occasion)
{
    public string IdempotencyKey => $"automation:{Rule.Id:N}:{Phone.E164}:{Occasion}";
}

/// <summary>
/// What one kind of action checks and does. A new kind (sending a coupon) is one class registered
/// in AddPointspotGrains; the automation grain looks actions up by <see cref="Kind"/>.
/// </summary>
public interface IAutomationAction
{
    AutomationActionKind Kind { get; }

    /// <summary>Returns the problem of a rule with this action, or null.</summary>
    PointspotError? Check(AutomationRuleInput input);

    /// <summary>
    /// Does the action once. It may run again for the same firing after a crash, so its effect
    /// must be keyed by <see cref="AutomationFiring.IdempotencyKey"/>.
    /// </summary>
    Task<PointspotError?> ExecuteAsync(IGrainFactory grains, AutomationFiring firing);
}

/// <summary>Credits the rule's points as an AUTOMATION ledger entry.</summary>
public sealed class AwardPointsAction : IAutomationAction
{
    public static readonly Actor Actor = new("automation", "rules");

    public AutomationActionKind Kind => AutomationActionKind.AwardPoints;

    public PointspotError? Check(AutomationRuleInput input) =>
        input.Points is > 0 and <= Ledger.PointsRules.MaxPointsPerEntry
            ? null
            : new PointspotError(ErrorCodes.InvalidAutomationRule,
                $"Rule \"{input.Name}\" awards {input.Points} points: give 1 to {Ledger.PointsRules.MaxPointsPerEntry}.");

    public async Task<PointspotError?> ExecuteAsync(IGrainFactory grains, AutomationFiring firing)
    {
        var member = grains.GetGrain<IMemberGrain>(MemberKey.For(firing.MerchantId, firing.Phone));
        var result = await member.CreditBonus(new BonusPointsCommand(LedgerEntryKind.Automation, firing.Rule.Points,
            firing.Rule.Name, firing.IdempotencyKey, Actor));
        return result.Error;
    }
}
