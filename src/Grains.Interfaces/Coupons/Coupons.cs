using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Coupons;

/// <summary>How coupons of a campaign reach members.</summary>
public enum CouponKind
{
    /// <summary>Issued once to every new member, on the first purchase or at sign-up.</summary>
    Welcome = 1,

    /// <summary>Sent by the merchant to a list of members or to all of them.</summary>
    Promotion = 2,

    /// <summary>Issued after a purchase that meets the campaign's condition, once per receipt.</summary>
    Purchase = 3,

    /// <summary>A value that the member spends over several checkouts until it runs out.</summary>
    GiftVoucher = 4,

    /// <summary>Activated for a member by staff at the counter.</summary>
    Counter = 5,
}

/// <summary>What a coupon takes off a checkout's total.</summary>
public enum DiscountKind
{
    /// <summary>A fixed amount of money.</summary>
    Amount = 1,

    /// <summary>A percentage of what is left of the total when the coupon is applied.</summary>
    Percent = 2,

    /// <summary>The unit price of one product (by SKU) on the receipt's lines.</summary>
    FreeItem = 3,

    /// <summary>The gift voucher's remaining value.</summary>
    Value = 4,
}

/// <summary>
/// A coupon campaign as staff define it. <see cref="ValidFrom"/> and <see cref="ValidThrough"/>
/// are days in the merchant's time zone; a coupon works from the start of the first to the end
/// of the second. A null <see cref="Stock"/> issues without limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.coupon-campaign-definition")]
public sealed record CampaignDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] CouponKind Kind,
    [property: Id(2)] DiscountKind DiscountKind,
    [property: Id(3)] decimal? DiscountAmount,
    [property: Id(4)] decimal? DiscountPercent,
    [property: Id(5)] string? FreeItemSku,
    [property: Id(6)] decimal? VoucherValue,
    [property: Id(7)] int? Stock,
    [property: Id(8)] int PerMemberLimit,
    [property: Id(9)] DateOnly ValidFrom,
    [property: Id(10)] DateOnly ValidThrough,
    [property: Id(11)] decimal? MinimumAmount,
    [property: Id(12)] string? RequiredSku,
    [property: Id(13)] string? ImageUrl);

/// <summary>A coupon campaign with its counts. StartsAt and EndsAt are instants.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.coupon-campaign")]
public sealed record CampaignView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] CampaignDefinition Definition,
    [property: Id(2)] DateTimeOffset StartsAt,
    [property: Id(3)] DateTimeOffset EndsAt,
    [property: Id(4)] bool Active,
    [property: Id(5)] int IssuedCount,
    [property: Id(6)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("pointspot.coupon-campaign-result")]
public sealed record CampaignResult(
    [property: Id(0)] CampaignView? Campaign,
    [property: Id(1)] PointspotError? Error);

public enum CouponStatus
{
    /// <summary>Issued and not used up.</summary>
    Issued = 1,

    /// <summary>Used at a checkout, or a gift voucher with no value left.</summary>
    Used = 2,
}

/// <summary>A member's coupon. RemainingValue is set only for gift vouchers.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.coupon")]
public sealed record CouponView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Code,
    [property: Id(2)] Guid CampaignId,
    [property: Id(3)] string Phone,
    [property: Id(4)] string OccasionKey,
    [property: Id(5)] CouponStatus Status,
    [property: Id(6)] decimal? RemainingValue,
    [property: Id(7)] DateTimeOffset IssuedAt,
    [property: Id(8)] DateTimeOffset? UsedAt,
    [property: Id(9)] DateTimeOffset ExpiresAt);

/// <summary>
/// Issues one coupon of a campaign to a member. <see cref="OccasionKey"/> makes the issue
/// idempotent: the same member, campaign and occasion always get the same coupon. Phone is any
/// form that <see cref="Members.PhoneNumber.TryParse"/> accepts.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.issue-coupon")]
public sealed record IssueCouponCommand(
    [property: Id(0)] string Phone,
    [property: Id(1)] string OccasionKey,
    [property: Id(2)] Actor Actor);

/// <summary>The coupon issued (or issued before for the same occasion, then Replayed), or an error.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.issue-coupon-result")]
public sealed record IssueCouponResult(
    [property: Id(0)] CouponView? Coupon,
    [property: Id(1)] bool Replayed,
    [property: Id(2)] PointspotError? Error);
