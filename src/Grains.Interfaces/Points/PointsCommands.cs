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

/// <summary>
/// A payment with points for a purchase: exactly one of <see cref="Points"/> (points to spend)
/// and <see cref="Amount"/> (money to cover) is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.pay-with-points")]
public sealed record PayWithPointsCommand(
    [property: Id(0)] long? Points,
    [property: Id(1)] decimal? Amount,
    [property: Id(2)] string ReceiptNumber,
    [property: Id(3)] string IdempotencyKey,
    [property: Id(4)] Actor Actor);

/// <summary>A refund of part or all of a purchase that earned points, in money.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.refund-purchase")]
public sealed record RefundPurchaseCommand(
    [property: Id(0)] string ReceiptNumber,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] Actor Actor);

/// <summary>The cancellation of a whole sale: its payment with points and its earned points are reversed.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.void-purchase")]
public sealed record VoidPurchaseCommand(
    [property: Id(0)] string ReceiptNumber,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] Actor Actor);

/// <summary>
/// One member's side of a transfer: points to send or receive and the other member's phone
/// number (E.164), recorded in the entry's reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.transfer-points")]
public sealed record TransferPointsCommand(
    [property: Id(0)] long Points,
    [property: Id(1)] string CounterpartPhone,
    [property: Id(2)] string IdempotencyKey,
    [property: Id(3)] Actor Actor);

/// <summary>
/// Points spent on a reward. <see cref="Reason"/> names the reward; the idempotency key names
/// the redemption, so a confirmation retried after a crash spends once.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.redeem-points")]
public sealed record RedeemPointsCommand(
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
