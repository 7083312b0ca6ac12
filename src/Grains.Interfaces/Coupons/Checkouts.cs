using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Coupons;

/// <summary>
/// Coupons applied to one receipt. <see cref="Amount"/> is the receipt's total before discounts;
/// the coupons are applied in the order of <see cref="Codes"/>. With <see cref="Phone"/>, every
/// coupon must belong to that member.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.apply-coupons")]
public sealed record ApplyCouponsCommand(
    [property: Id(0)] string? Phone,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] IReadOnlyList<string> Codes,
    [property: Id(3)] string ReceiptNumber,
    [property: Id(4)] string IdempotencyKey,
    [property: Id(5)] Actor Actor,
    [property: Id(6)] IReadOnlyList<PurchaseLine>? Lines = null);

/// <summary>
/// What one coupon took off a checkout; RemainingValue is a gift voucher's value left. A coupon
/// that would take 0.00 (for example because the total is already 0.00) is not used, so it keeps
/// its status and value. Its Discount is 0.00 and <see cref="NotAppliedReason"/> contains the reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.applied-coupon")]
public sealed record AppliedCoupon(
    [property: Id(0)] string Code,
    [property: Id(1)] Guid CampaignId,
    [property: Id(2)] decimal Discount,
    [property: Id(3)] decimal? RemainingValue,
    [property: Id(4)] string? NotAppliedReason = null)
{
    public bool Applied => NotAppliedReason is null;
}

/// <summary>A checkout's discounted total. Total = Amount - Discount and is never negative.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.checkout")]
public sealed record CheckoutView(
    [property: Id(0)] string ReceiptNumber,
    [property: Id(1)] decimal Amount,
    [property: Id(2)] decimal Discount,
    [property: Id(3)] decimal Total,
    [property: Id(4)] IReadOnlyList<AppliedCoupon> Coupons);

[GenerateSerializer, Immutable, Alias("pointspot.checkout-result")]
public sealed record CheckoutResult(
    [property: Id(0)] CheckoutView? Checkout,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] PointspotError? Error);

/// <summary>
/// A request to one coupon to take its discount off what is left of a checkout's total.
/// <see cref="CheckoutKey"/> makes the use idempotent.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.use-coupon")]
public sealed record UseCouponCommand(
    [property: Id(0)] string CheckoutKey,
    [property: Id(1)] string? Phone,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] decimal RemainingTotal,
    [property: Id(4)] IReadOnlyList<PurchaseLine>? Lines);

[GenerateSerializer, Immutable, Alias("pointspot.use-coupon-result")]
public sealed record UseCouponResult(
    [property: Id(0)] AppliedCoupon? Applied,
    [property: Id(1)] PointspotError? Error);
