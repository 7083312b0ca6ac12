using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Coupons;

/// <summary>
/// One coupon campaign, keyed by <see cref="CampaignKey"/>. The grain is the single writer of
/// the campaign's stock and of which members hold its coupons, so stock and per-member limits
/// hold under any number of parallel issues.
/// </summary>
public interface ICouponCampaignGrain : IGrainWithStringKey
{
    Task<CampaignResult> Create(CampaignDefinition fields, Actor actor);

    /// <summary>Stops (false) or resumes (true) issuing; coupons already issued keep working.</summary>
    Task<CampaignResult> SetActive(bool active, Actor actor);

    [ReadOnly]
    Task<CampaignView?> Get();

    /// <summary>
    /// Issues a coupon to a member, or returns the coupon issued before for the same occasion.
    /// Fails with COUPON_EXHAUSTED when the stock is gone, LIMIT_REACHED when the member has
    /// reached the per-member limit, COUPON_EXPIRED after the window and CAMPAIGN_INACTIVE when stopped.
    /// </summary>
    Task<IssueCouponResult> Issue(IssueCouponCommand command);
}

/// <summary>One issued coupon, keyed by <see cref="CouponKey"/>: the single writer of its use.</summary>
public interface ICouponGrain : IGrainWithStringKey
{
    /// <summary>Takes the coupon's discount off a checkout, once per checkout key.</summary>
    Task<UseCouponResult> Use(UseCouponCommand command);

    /// <summary>Gives back what a checkout key took, when another coupon of that checkout failed.</summary>
    Task Release(string checkoutKey);

    [ReadOnly]
    Task<CouponView?> Get();
}

/// <summary>
/// One applyCoupons request, keyed by <see cref="CheckoutKey"/> (the merchant and the
/// idempotency key), so retries of a request are handled one at a time and return one result.
/// </summary>
public interface ICheckoutGrain : IGrainWithStringKey
{
    Task<CheckoutResult> Apply(ApplyCouponsCommand command);
}

/// <summary>
/// A merchant's coupons as a whole, keyed by the merchant id: lists campaigns and members'
/// coupons, sends a campaign to many members, and issues welcome and purchase coupons from a
/// cache of the merchant's active campaigns of those kinds.
/// </summary>
public interface IMerchantCouponsGrain : IGrainWithGuidKey
{
    /// <summary>Issues every active welcome campaign's coupon to a new member (occasion "welcome").</summary>
    Task<IReadOnlyList<IssueCouponResult>> MemberCreated(string phone);

    /// <summary>Issues the coupons of every purchase campaign whose condition the receipt meets, once per receipt.</summary>
    Task<IReadOnlyList<IssueCouponResult>> PurchaseCollected(
        string phone, string receiptNumber, decimal amount, IReadOnlyList<PurchaseLine>? lines);

    /// <summary>
    /// Issues a campaign's coupon to each of <paramref name="phones"/>, or to every member of the
    /// merchant when it is null; one result per phone, in order.
    /// </summary>
    Task<IReadOnlyList<(string Phone, IssueCouponResult Result)>> IssueToMany(
        Guid campaignId, IReadOnlyList<string>? phones, string occasionKey, Actor actor);

    /// <summary>Drops the cached campaigns, after a campaign was created or changed.</summary>
    Task Refresh();

    [ReadOnly]
    Task<IReadOnlyList<CampaignView>> ListCampaigns();

    /// <summary>Returns a member's coupons, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<CouponView>> ListMemberCoupons(string phone);
}

public static class CampaignKey
{
    public static string For(Guid merchantId, Guid campaignId) => $"{merchantId:N}/{campaignId:N}";

    public static (Guid MerchantId, Guid CampaignId) Parse(string key)
    {
        int slash = key.IndexOf('/');
        return (Guid.ParseExact(key[..slash], "N"), Guid.ParseExact(key[(slash + 1)..], "N"));
    }
}

public static class CouponKey
{
    /// <summary>Coupon codes are upper-case letters and digits; lower-case input means the same code.</summary>
    public static string For(Guid merchantId, string code) => $"{merchantId:N}/{code.Trim().ToUpperInvariant()}";

    public static (Guid MerchantId, string Code) Parse(string key)
    {
        int slash = key.IndexOf('/');
        return (Guid.ParseExact(key[..slash], "N"), key[(slash + 1)..]);
    }
}

public static class CheckoutKey
{
    public static string For(Guid merchantId, string idempotencyKey) => $"{merchantId:N}/{idempotencyKey}";

    public static (Guid MerchantId, string IdempotencyKey) Parse(string key)
    {
        int slash = key.IndexOf('/');
        return (Guid.ParseExact(key[..slash], "N"), key[(slash + 1)..]);
    }
}
