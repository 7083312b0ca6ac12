namespace Pointspot.Grains.Interfaces.Points;

/// <summary>Who asked for a change of points: recorded in the ledger's <c>actor</c> column.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.actor")]
public sealed record Actor(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id)
{
    public override string ToString() => $"{Kind}:{Id}";
}

/// <summary>
/// A purchase reported by a POS. <see cref="Amount"/> is money in the merchant's currency. With
/// <see cref="Lines"/>, points are computed per line and the line amounts must add up to the amount.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.collect-points")]
public sealed record CollectPointsCommand(
    [property: Id(0)] decimal Amount,
    [property: Id(1)] string ReceiptNumber,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] Actor Actor,
    [property: Id(5)] IReadOnlyList<PurchaseLine>? Lines = null);

/// <summary>One line of a receipt: a product's SKU, how many units, and the line's total amount.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.purchase-line")]
public sealed record PurchaseLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] int Quantity,
    [property: Id(2)] decimal Amount);

/// <summary>A change of points by hand: positive for sendPoints, removed for pullPoints.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.adjust-points")]
public sealed record AdjustPointsCommand(
    [property: Id(0)] long Points,
    [property: Id(1)] string Reason,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] Actor Actor);

/// <summary>The profile a member gives when signing up.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.member-profile")]
public sealed record MemberProfile(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly? BirthDate,
    [property: Id(2)] Gender Gender,
    [property: Id(3)] bool MarketingConsent);

public enum Gender
{
    Unspecified = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}
