using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Automation;

/// <summary>
/// The automation and referral program of one merchant, keyed by the merchant id. It reads the
/// merchant's ledger in entry order from a stored checkpoint, on a reminder and whenever a member
/// grain nudges it after an earn, and fires each rule at most once per member and occasion.
/// </summary>
public interface IAutomationGrain : IGrainWithGuidKey
{
    Task<AutomationRuleResult> AddRule(AutomationRuleInput input, Actor actor);

    Task<AutomationRuleResult> SetRuleActive(Guid ruleId, bool active, Actor actor);

    [ReadOnly]
    Task<IReadOnlyList<AutomationRuleView>> ListRules();

    [ReadOnly]
    Task<IReadOnlyList<AutomationFiringView>> ListFirings(string? phone);

    Task<ReferralProgramResult> SetReferralProgram(ReferralProgram program, Actor actor);

    [ReadOnly]
    Task<ReferralProgram?> GetReferralProgram();

    /// <summary>Processes the ledger entries after the checkpoint now, and returns what it did.</summary>
    Task<AutomationRunResult> CatchUp();

    /// <summary>
    /// Fires the rules whose trigger is a member's state rather than a ledger entry (SIGN_UP,
    /// BIRTHDAY_MONTH, NO_VISIT_DAYS) for every member who meets it now, and returns how many
    /// firings completed. The reminder calls it.
    /// </summary>
    Task<int> ScanMembers();

    /// <summary>Asks for a catch-up soon; called by member grains after an earn, without waiting.</summary>
    [OneWay, AlwaysInterleave]
    Task Nudge();
}

/// <summary>Referral codes and referrals of one merchant, keyed by the merchant id.</summary>
public interface IReferralGrain : IGrainWithGuidKey
{
    /// <summary>Returns the member's referral code, creating it on first use.</summary>
    Task<ReferralCodeResult> GetCode(string phone);

    /// <summary>Records that the member with <paramref name="refereePhone"/> was referred by the owner of <paramref name="code"/>.</summary>
    Task<ReferralResult> Refer(string refereePhone, string code);

    [ReadOnly]
    Task<ReferralView?> GetReferral(string refereePhone);
}
