using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Rewards;

public enum RewardKind
{
    /// <summary>Bought with points at the counter, confirmed by staff with the member's code.</summary>
    Redeemable = 1,

    /// <summary>Free; the merchant (or an automation) gives it to a member.</summary>
    Giveaway = 2,
}

/// <summary>
/// A reward as staff define it. Valid from the start of <see cref="ValidFrom"/> to the end of
/// <see cref="ValidThrough"/> in the merchant's time zone; a null <see cref="Stock"/> has no limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.reward-definition")]
public sealed record RewardDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] RewardKind Kind,
    [property: Id(3)] long PointsCost,
    [property: Id(4)] int? Stock,
    [property: Id(5)] int PerMemberLimit,
    [property: Id(6)] DateOnly ValidFrom,
    [property: Id(7)] DateOnly ValidThrough,
    [property: Id(8)] string? ImageUrl);

[GenerateSerializer, Immutable, Alias("pointspot.reward")]
public sealed record RewardView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] RewardDefinition Definition,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] bool Active,
    [property: Id(5)] int GrantedCount,
    [property: Id(6)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("pointspot.reward-result")]
public sealed record RewardResult(
    [property: Id(0)] RewardView? Reward,
    [property: Id(1)] PointspotError? Error);

public enum RedemptionStatus
{
    /// <summary>A counter code was shown and waits for staff.</summary>
    Pending = 1,

    /// <summary>Stock is taken and the REDEEM ledger entry is being written.</summary>
    Confirming = 2,

    /// <summary>Staff confirmed; the points were spent in the named ledger entry.</summary>
    Confirmed = 3,

    /// <summary>A giveaway given to the member.</summary>
    Given = 4,

    /// <summary>The code expired, was guessed wrong too often, or the points were short.</summary>
    Cancelled = 5,
}

/// <summary>A member's redemption of a reward. EntryId is the REDEEM ledger entry once confirmed.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.redemption")]
public sealed record RedemptionView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid RewardId,
    [property: Id(2)] string Phone,
    [property: Id(3)] RedemptionStatus Status,
    [property: Id(4)] long Points,
    [property: Id(5)] DateTimeOffset? CodeExpiresAt,
    [property: Id(6)] long? EntryId,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? DecidedAt);

/// <summary>
/// A new counter code. <see cref="Code"/> is returned only here: the database keeps its hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.redemption-code-result")]
public sealed record RedemptionCodeResult(
    [property: Id(0)] RedemptionView? Redemption,
    [property: Id(1)] string? Code,
    [property: Id(2)] PointspotError? Error);

/// <summary>The redemption after a confirmation or a gift, with the REDEEM entry when points were spent.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.redemption-result")]
public sealed record RedemptionResult(
    [property: Id(0)] RedemptionView? Redemption,
    [property: Id(1)] PointsChangeResult? Points,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] PointspotError? Error);

/// <summary>Gives a reward to a member. <see cref="OccasionKey"/> makes the gift idempotent.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.give-reward")]
public sealed record GiveRewardCommand(
    [property: Id(0)] string Phone,
    [property: Id(1)] string OccasionKey,
    [property: Id(2)] Actor Actor);
