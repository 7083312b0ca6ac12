using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Grains.Tests.Infrastructure;

/// <summary>Creates coupon campaigns and rewards for the grain tests.</summary>
public static class Campaigns
{
    public static readonly DateOnly LongAgo = new(2020, 1, 1);
    public static readonly DateOnly FarAhead = new(2029, 12, 31);

    public static CampaignDefinition AmountOff(decimal amount, CouponKind kind = CouponKind.Promotion, int? stock = null,
        int perMemberLimit = 1) =>
        new("Baht off", kind, DiscountKind.Amount, amount, null, null, null, stock, perMemberLimit, LongAgo, FarAhead,
            null, null, null);

    public static CampaignDefinition PercentOff(decimal percent) =>
        new("Percent off", CouponKind.Promotion, DiscountKind.Percent, null, percent, null, null, null, 1, LongAgo,
            FarAhead, null, null, null);

    public static CampaignDefinition GiftVoucher(decimal value) =>
        new("Gift voucher", CouponKind.GiftVoucher, DiscountKind.Value, null, null, null, value, null, 1, LongAgo,
            FarAhead, null, null, null);

    public static async Task<ICouponCampaignGrain> CreateCampaignAsync(
        this PointspotClusterFixture fixture, Guid merchantId, CampaignDefinition definition)
    {
        var grain = fixture.Grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, Guid.NewGuid()));
        CampaignResult created = await grain.Create(definition, Purchases.Owner);
        Assert.Null(created.Error);
        return grain;
    }

    public static RewardDefinition Redeemable(long cost, int? stock = null, int perMemberLimit = 1) =>
        new("Free latte", "One hot or iced latte", RewardKind.Redeemable, cost, stock, perMemberLimit, LongAgo,
            FarAhead, "https://example.com/latte.jpg");

    public static RewardDefinition Giveaway(int? stock = null, int perMemberLimit = 1) =>
        new("Birthday cake", null, RewardKind.Giveaway, 0, stock, perMemberLimit, LongAgo, FarAhead, null);

    public static async Task<IRewardGrain> CreateRewardAsync(
        this PointspotClusterFixture fixture, Guid merchantId, RewardDefinition definition)
    {
        var grain = fixture.Grains.GetGrain<IRewardGrain>(RewardKey.For(merchantId, Guid.NewGuid()));
        RewardResult created = await grain.Create(definition, Purchases.Owner);
        Assert.Null(created.Error);
        return grain;
    }

    /// <summary>A distinct Thai mobile number per index: 0810000000 + index.</summary>
    public static string PhoneOf(int index) => $"081{index:D7}";

    public static string E164Of(int index) => $"+6681{index:D7}";
}
