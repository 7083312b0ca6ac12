namespace Pointspot.Grains.Interfaces.Catalog;

/// <summary>
/// How the lines of one product earn points: <see cref="PointsPerUnit"/> points per unit sold, or
/// the merchant's spend rule times <see cref="Multiplier"/>. At most one of the two is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.product-earn-rule")]
public sealed record ProductEarnRule(
    [property: Id(0)] long? PointsPerUnit,
    [property: Id(1)] decimal? Multiplier);

/// <summary>The fields of a product as staff send them, for a new product or to replace one.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.product-fields")]
public sealed record ProductFields(
    [property: Id(0)] string Sku,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Category,
    [property: Id(3)] decimal Price,
    [property: Id(4)] bool Active,
    [property: Id(5)] long? PointsPerUnit,
    [property: Id(6)] decimal? Multiplier);

/// <summary>A product of a merchant's catalog.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.product")]
public sealed record ProductView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Sku,
    [property: Id(2)] string Name,
    [property: Id(3)] string? Category,
    [property: Id(4)] decimal Price,
    [property: Id(5)] bool Active,
    [property: Id(6)] long? PointsPerUnit,
    [property: Id(7)] decimal? Multiplier,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt)
{
    /// <summary>The product's earn rule, or null when its lines earn by the spend rule.</summary>
    public ProductEarnRule? EarnRule =>
        PointsPerUnit is null && Multiplier is null ? null : new ProductEarnRule(PointsPerUnit, Multiplier);
}

[GenerateSerializer, Immutable, Alias("pointspot.product-result")]
public sealed record ProductResult(
    [property: Id(0)] ProductView? Product,
    [property: Id(1)] PointspotError? Error);
