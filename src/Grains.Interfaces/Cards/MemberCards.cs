namespace Pointspot.Grains.Interfaces.Cards;

/// <summary>What a member's tier is reached on. Neither goes down when points are spent.</summary>
public enum CardBasis
{
    /// <summary>
    /// Points credited to the member (earn, send, transfer in, import, wheel prize, automation,
    /// referral), less points that refunds and voids took back.
    /// </summary>
    LifetimePoints = 1,

    /// <summary>The money of every purchase that earned, less the money of refunds.</summary>
    LifetimeSpend = 2,
}

/// <summary>
/// One tier of a member card. A member reaches it when the card's basis is at least
/// <see cref="Threshold"/> (inclusive). Points earned while in the tier are multiplied by
/// <see cref="EarnMultiplier"/> and rounded down.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.card-tier")]
public sealed record CardTier(
    [property: Id(0)] string Name,
    [property: Id(1)] string Colour,
    [property: Id(2)] decimal Threshold,
    [property: Id(3)] decimal EarnMultiplier,
    [property: Id(4)] string Benefits);

/// <summary>
/// A merchant's member card: the basis and up to three tiers in ascending threshold order. With
/// <see cref="YearlyReevaluation"/>, a tier is judged each year: it is kept through the calendar
/// year after the one whose totals reached it (in the merchant's time zone), and a member whose
/// totals of the current year fall short is warned <see cref="DowngradeWarningDays"/> days
/// before 1 January.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.card-program")]
public sealed record CardProgram(
    [property: Id(0)] CardBasis Basis,
    [property: Id(1)] IReadOnlyList<CardTier> Tiers,
    [property: Id(2)] bool YearlyReevaluation = false,
    [property: Id(3)] int DowngradeWarningDays = 0)
{
    public static CardProgram None { get; } = new(CardBasis.LifetimePoints, []);

    /// <summary>Returns the highest tier whose threshold <paramref name="progress"/> reaches, or null.</summary>
    public CardTier? TierFor(decimal progress) => Tiers.LastOrDefault(tier => progress >= tier.Threshold);

    /// <summary>Returns the lowest tier that <paramref name="progress"/> does not reach yet, or null.</summary>
    public CardTier? NextTierFor(decimal progress) => Tiers.FirstOrDefault(tier => progress < tier.Threshold);
}

[GenerateSerializer, Immutable, Alias("pointspot.card-program-result")]
public sealed record CardProgramResult(
    [property: Id(0)] CardProgram? Program,
    [property: Id(1)] PointspotError? Error);

/// <summary>A member's card: the tier reached, the totals it is judged on and what the next tier needs.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.member-card")]
public sealed record MemberCardView(
    [property: Id(0)] string Phone,
    [property: Id(1)] CardBasis Basis,
    [property: Id(2)] CardTier? Tier,
    [property: Id(3)] long LifetimePoints,
    [property: Id(4)] decimal LifetimeSpend,
    [property: Id(5)] CardTier? NextTier,
    [property: Id(6)] decimal? MissingForNextTier,
    [property: Id(7)] CardDowngradeWarning? DowngradeWarning = null);

/// <summary>
/// A coming downgrade under yearly re-evaluation: on <see cref="On"/> the member drops to
/// <see cref="To"/> (null: no tier) unless the totals of this year grow by <see cref="MissingToKeep"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.card-downgrade-warning")]
public sealed record CardDowngradeWarning(
    [property: Id(0)] CardTier? To,
    [property: Id(1)] DateOnly On,
    [property: Id(2)] decimal MissingToKeep);
