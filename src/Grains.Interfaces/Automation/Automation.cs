using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Automation;

/// <summary>
/// What an automation rule waits for. Each fires once per member and occasion: the first two and
/// SIGN_UP once per member, BIRTHDAY_MONTH once a year, NO_VISIT_DAYS once per last visit.
/// </summary>
public enum AutomationTrigger
{
    /// <summary>The member's purchase number <c>threshold</c> (counting EARN entries from 1).</summary>
    NthVisit = 1,

    /// <summary>The first credit that brings the member's lifetime points to <c>threshold</c> or more.</summary>
    PointsThreshold = 2,

    /// <summary>The member registered (signed up) after the rule was added; <c>threshold</c> is 1.</summary>
    SignUp = 3,

    /// <summary>
    /// The member's birth month has come in the merchant's time zone, once per year; <c>threshold</c> is 1.
    /// </summary>
    BirthdayMonth = 4,

    /// <summary>
    /// <c>threshold</c> days have passed since the member's last EARN, once per last EARN.
    /// </summary>
    NoVisitDays = 5,
}

/// <summary>What an automation rule does when it fires.</summary>
public enum AutomationActionKind
{
    /// <summary>Credits <c>points</c> to the member (an AUTOMATION ledger entry).</summary>
    AwardPoints = 1,

    /// <summary>Issues a coupon of the campaign <c>campaignId</c> to the member.</summary>
    SendCoupon = 2,
}

/// <summary>
/// A rule as the merchant defines it. <see cref="Points"/> is for AWARD_POINTS (0 otherwise) and
/// <see cref="CampaignId"/> for SEND_COUPON (null otherwise).
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.automation-rule-input")]
public sealed record AutomationRuleInput(
    [property: Id(0)] string Name,
    [property: Id(1)] AutomationTrigger Trigger,
    [property: Id(2)] long Threshold,
    [property: Id(3)] AutomationActionKind Action,
    [property: Id(4)] long Points,
    [property: Id(5)] Guid? CampaignId = null);

[GenerateSerializer, Immutable, Alias("pointspot.automation-rule")]
public sealed record AutomationRuleView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] AutomationTrigger Trigger,
    [property: Id(3)] long Threshold,
    [property: Id(4)] AutomationActionKind Action,
    [property: Id(5)] long Points,
    [property: Id(6)] bool Active,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] Guid? CampaignId = null);

[GenerateSerializer, Immutable, Alias("pointspot.automation-rule-result")]
public sealed record AutomationRuleResult(
    [property: Id(0)] AutomationRuleView? Rule,
    [property: Id(1)] PointspotError? Error);

/// <summary>
/// One firing of a rule for a member: the occasion names what made it fire. A firing whose action
/// failed for good (a coupon campaign out of stock, say) is completed with the error's code.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.automation-firing")]
public sealed record AutomationFiringView(
    [property: Id(0)] Guid RuleId,
    [property: Id(1)] string Phone,
    [property: Id(2)] string Occasion,
    [property: Id(3)] long? EntryId,
    [property: Id(4)] DateTimeOffset FiredAt,
    [property: Id(5)] DateTimeOffset? CompletedAt,
    [property: Id(6)] string? ErrorCode = null);

/// <summary>The outcome of one catch-up pass over the ledger.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.automation-run")]
public sealed record AutomationRunResult(
    [property: Id(0)] int EntriesRead,
    [property: Id(1)] int Fired,
    [property: Id(2)] long Checkpoint);

/// <summary>The points each side of a referral gets after the referee's first purchase.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.referral-program")]
public sealed record ReferralProgram(
    [property: Id(0)] long ReferrerPoints,
    [property: Id(1)] long RefereePoints);

[GenerateSerializer, Immutable, Alias("pointspot.referral-program-result")]
public sealed record ReferralProgramResult(
    [property: Id(0)] ReferralProgram? Program,
    [property: Id(1)] PointspotError? Error);

/// <summary>A member's referral code and the path of the page that takes it.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.referral-code")]
public sealed record ReferralCodeView(
    [property: Id(0)] string Phone,
    [property: Id(1)] string Code,
    [property: Id(2)] string Link);

[GenerateSerializer, Immutable, Alias("pointspot.referral-code-result")]
public sealed record ReferralCodeResult(
    [property: Id(0)] ReferralCodeView? Code,
    [property: Id(1)] PointspotError? Error);

/// <summary>Who referred a member, and when both sides were rewarded (null until then).</summary>
[GenerateSerializer, Immutable, Alias("pointspot.referral")]
public sealed record ReferralView(
    [property: Id(0)] string RefereePhone,
    [property: Id(1)] string ReferrerPhone,
    [property: Id(2)] DateTimeOffset ReferredAt,
    [property: Id(3)] DateTimeOffset? RewardedAt);

[GenerateSerializer, Immutable, Alias("pointspot.referral-result")]
public sealed record ReferralResult(
    [property: Id(0)] ReferralView? Referral,
    [property: Id(1)] PointspotError? Error);

/// <summary>A request to credit points that the engine itself decided to give, keyed for idempotency.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.bonus-points")]
public sealed record BonusPointsCommand(
    [property: Id(0)] LedgerEntryKind Kind,
    [property: Id(1)] long Points,
    [property: Id(2)] string Reason,
    [property: Id(3)] string IdempotencyKey,
    [property: Id(4)] Actor Actor);
