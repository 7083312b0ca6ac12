using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Wheel;

/// <summary>What a wheel prize gives.</summary>
public enum WheelPrizeKind
{
    /// <summary>Credits the prize's points (a WHEEL_PRIZE ledger entry).</summary>
    Points = 1,

    /// <summary>A losing slot: nothing is given.</summary>
    Nothing = 2,

    /// <summary>Issues a coupon of the coupon campaign <c>campaignId</c>.</summary>
    Coupon = 3,

    /// <summary>Gives the GIVEAWAY reward <c>rewardId</c>.</summary>
    Reward = 4,
}

/// <summary>
/// One slot of a wheel. A prize is drawn with probability weight / (sum of the weights of the
/// prizes still in stock). Null stock means no limit. <see cref="CampaignId"/> is set for a COUPON
/// prize only, and <see cref="RewardId"/> for a REWARD prize only.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.wheel-prize-input")]
public sealed record WheelPrizeInput(
    [property: Id(0)] string Label,
    [property: Id(1)] WheelPrizeKind Kind,
    [property: Id(2)] long Points,
    [property: Id(3)] int Weight,
    [property: Id(4)] int? Stock,
    [property: Id(5)] Guid? CampaignId = null,
    [property: Id(6)] Guid? RewardId = null);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-game-input")]
public sealed record WheelGameInput(
    [property: Id(0)] string Name,
    [property: Id(1)] long SpinCost,
    [property: Id(2)] int DailySpinLimit,
    [property: Id(3)] IReadOnlyList<WheelPrizeInput> Prizes);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-prize")]
public sealed record WheelPrizeView(
    [property: Id(0)] int Id,
    [property: Id(1)] string Label,
    [property: Id(2)] WheelPrizeKind Kind,
    [property: Id(3)] long Points,
    [property: Id(4)] int Weight,
    [property: Id(5)] int? Stock,
    [property: Id(6)] int Won,
    [property: Id(7)] Guid? CampaignId = null,
    [property: Id(8)] Guid? RewardId = null);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-game")]
public sealed record WheelGameView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid MerchantId,
    [property: Id(2)] string Name,
    [property: Id(3)] long SpinCost,
    [property: Id(4)] int DailySpinLimit,
    [property: Id(5)] bool Active,
    [property: Id(6)] IReadOnlyList<WheelPrizeView> Prizes,
    [property: Id(7)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-game-result")]
public sealed record WheelGameResult(
    [property: Id(0)] WheelGameView? Game,
    [property: Id(1)] PointspotError? Error);

/// <summary>A spin request: the member who spins (E.164) and a key that makes a retried request return the first spin.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.spin-wheel")]
public sealed record SpinWheelCommand(
    [property: Id(0)] string Phone,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] Actor Actor);

/// <summary>One recorded spin and the member after it.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.wheel-spin")]
public sealed record WheelSpinView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid GameId,
    [property: Id(2)] string Phone,
    [property: Id(3)] WheelPrizeView Prize,
    [property: Id(4)] long SpinCost,
    [property: Id(5)] DateOnly LocalDay,
    [property: Id(6)] int DaySpinNumber,
    [property: Id(7)] DateTimeOffset SpunAt);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-spin-result")]
public sealed record WheelSpinResult(
    [property: Id(0)] WheelSpinView? Spin,
    [property: Id(1)] MemberView? Member,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] PointspotError? Error);

/// <summary>
/// What the wheel has the member grain write for one spin: the cost as a WHEEL_SPIN debit and
/// a points prize as a WHEEL_PRIZE credit, both keyed by the spin id.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.wheel-charge")]
public sealed record WheelChargeCommand(
    [property: Id(0)] Guid SpinId,
    [property: Id(1)] string GameName,
    [property: Id(2)] long SpinCost,
    [property: Id(3)] long PrizePoints,
    [property: Id(4)] string PrizeLabel,
    [property: Id(5)] Actor Actor);

[GenerateSerializer, Immutable, Alias("pointspot.wheel-charge-result")]
public sealed record WheelChargeResult(
    [property: Id(0)] MemberView? Member,
    [property: Id(1)] PointspotError? Error);
