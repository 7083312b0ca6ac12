namespace Pointspot.Grains.Interfaces.Merchants;

/// <summary>
/// How purchases earn points: one point per <see cref="SpendPerPoint"/> spent, rounded down per
/// receipt; a purchase below <see cref="MinimumSpend"/> earns nothing but still counts as a visit.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.earn-rule")]
public sealed record EarnRule(
    [property: Id(0)] decimal SpendPerPoint,
    [property: Id(1)] decimal MinimumSpend)
{
    /// <summary>The rule of a new merchant until the owner sets one: 25.00 spent earns 1 point.</summary>
    public static EarnRule Default { get; } = new(25.00m, 0.00m);
}

/// <summary>
/// A merchant's settings, as held by its grain. A null <see cref="Expiry"/> means points never
/// expire; a null <see cref="PointValue"/> means members cannot pay with points.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.merchant-settings")]
public sealed record MerchantSettings(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] EarnRule EarnRule,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] ExpiryPolicy? Expiry = null,
    [property: Id(6)] decimal? PointValue = null);

/// <summary>An API key as listed to its owner; the secret itself is never stored or shown again.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.api-key")]
public sealed record ApiKeyView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Scope,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RevokedAt);

[GenerateSerializer, Immutable, Alias("pointspot.merchant-result")]
public sealed record MerchantResult(
    [property: Id(0)] MerchantSettings? Settings,
    [property: Id(1)] PointspotError? Error);

[GenerateSerializer, Immutable, Alias("pointspot.create-api-key-result")]
public sealed record CreateApiKeyResult(
    [property: Id(0)] ApiKeyView? ApiKey,
    [property: Id(1)] string? Secret,
    [property: Id(2)] PointspotError? Error);

[GenerateSerializer, Immutable, Alias("pointspot.api-key-result")]
public sealed record ApiKeyResult(
    [property: Id(0)] ApiKeyView? ApiKey,
    [property: Id(1)] PointspotError? Error);

/// <summary>
/// The result of signing up, signing in or refreshing: the merchant, a short-lived bearer token,
/// and the single-use refresh token that gets the next one.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.session-result")]
public sealed record SessionResult(
    [property: Id(0)] MerchantSettings? Merchant,
    [property: Id(1)] string? Token,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] PointspotError? Error,
    [property: Id(4)] string? RefreshToken = null,
    [property: Id(5)] DateTimeOffset? RefreshExpiresAt = null,
    [property: Id(6)] string? Role = null);
