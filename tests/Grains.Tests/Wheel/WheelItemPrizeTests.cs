using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Rewards;
using Pointspot.Grains.Interfaces.Wheel;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Wheel;

/// <summary>Wheel prizes that issue a coupon or give a GIVEAWAY reward.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WheelItemPrizeTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0851239876";
    private const string E164 = "+66851239876";

    [Fact]
    public async Task CouponPrize_EachSpin_IssuesOneCoupon()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(20m, perMemberLimit: 5));
        var game = await CreateGameAsync(merchantId, spinCost: 10,
            new WheelPrizeInput("20 baht off", WheelPrizeKind.Coupon, 0, 1, null, campaignId));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(50, "send-50"));

        WheelSpinResult first = await Spin(merchantId, game, "spin-1");
        WheelSpinResult second = await Spin(merchantId, game, "spin-2");
        WheelSpinResult retried = await Spin(merchantId, game, "spin-2");

        Assert.Null(first.Error);
        Assert.Null(second.Error);
        Assert.True(retried.Replayed);
        Assert.Equal(50 - 10 - 10, retried.Member!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["SEND", "WHEEL_SPIN", "WHEEL_SPIN"], rows.Select(row => row.Kind));
        Assert.All(rows.Skip(1), row => Assert.Equal(-10, row.Points));
        var coupons = await fixture.Grains.GetGrain<IMerchantCouponsGrain>(merchantId).ListMemberCoupons(E164);
        Assert.Equal(2, coupons.Count);
        Assert.All(coupons, coupon => Assert.Equal(campaignId, coupon.CampaignId));
        Assert.Equal(
            new[] { $"wheel-spin:{first.Spin!.Id:N}", $"wheel-spin:{second.Spin!.Id:N}" }.Order(),
            coupons.Select(coupon => coupon.OccasionKey).Order());
    }

    [Fact]
    public async Task CouponPrize_CampaignUsedUp_LeftOutOfDraw()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(20m, stock: 1, perMemberLimit: 5));
        var game = await CreateGameAsync(merchantId, spinCost: 10,
            new WheelPrizeInput("20 baht off", WheelPrizeKind.Coupon, 0, 1, null, campaignId));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(50, "send-50"));

        WheelSpinResult first = await Spin(merchantId, game, "spin-1");
        WheelSpinResult second = await Spin(merchantId, game, "spin-2");

        Assert.Null(first.Error);
        Assert.Equal(ErrorCodes.OutOfStock, second.Error!.Code);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Single(rows, row => row.Kind == "WHEEL_SPIN");
        Assert.Equal(40, rows[^1].BalanceAfter);
        Assert.Single(await fixture.Grains.GetGrain<IMerchantCouponsGrain>(merchantId).ListMemberCoupons(E164));
    }

    [Fact]
    public async Task RewardPrize_Spin_GivesReward()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var reward = await fixture.CreateRewardAsync(merchantId, Campaigns.Giveaway(perMemberLimit: 3));
        Guid rewardId = RewardKey.Parse(reward.GetPrimaryKeyString()).RewardId;
        var game = await CreateGameAsync(merchantId, spinCost: 5,
            new WheelPrizeInput("Birthday cake", WheelPrizeKind.Reward, 0, 1, null, null, rewardId));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(20, "send-20"));

        WheelSpinResult spin = await Spin(merchantId, game, "spin-1");
        await Spin(merchantId, game, "spin-1");

        Assert.Null(spin.Error);
        Assert.Equal(15, spin.Member!.Balance);
        Assert.Equal(1, (await reward.Get())!.GrantedCount);
        string occasionKey = await fixture.Database.QueryScalarAsync<string>(
            "SELECT occasion_key FROM reward_redemption WHERE reward_id = $1 AND phone = $2", rewardId, E164);
        Assert.Equal($"wheel-spin:{spin.Spin!.Id:N}", occasionKey);
    }

    [Fact]
    public async Task Create_BadItemPrizes_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(20m));
        var redeemable = await fixture.CreateRewardAsync(merchantId, Campaigns.Redeemable(100));
        Guid redeemableId = RewardKey.Parse(redeemable.GetPrimaryKeyString()).RewardId;

        var cases = new (WheelPrizeInput Prize, string Code)[]
        {
            (new("Coupon", WheelPrizeKind.Coupon, 0, 1, null), ErrorCodes.InvalidWheelGame),
            (new("Coupon", WheelPrizeKind.Coupon, 5, 1, null, campaignId), ErrorCodes.InvalidWheelGame),
            (new("Coupon", WheelPrizeKind.Coupon, 0, 1, null, Guid.NewGuid()), ErrorCodes.NotFound),
            (new("Points", WheelPrizeKind.Points, 5, 1, null, campaignId), ErrorCodes.InvalidWheelGame),
            (new("Reward", WheelPrizeKind.Reward, 0, 1, null), ErrorCodes.InvalidWheelGame),
            (new("Reward", WheelPrizeKind.Reward, 0, 1, null, null, Guid.NewGuid()), ErrorCodes.NotFound),
            (new("Reward", WheelPrizeKind.Reward, 0, 1, null, null, redeemableId), ErrorCodes.InvalidWheelGame),
        };
        foreach (var (prize, code) in cases)
        {
            var game = fixture.Grains.GetGrain<IWheelGameGrain>(Guid.NewGuid());
            WheelGameResult result = await game.Create(merchantId, new WheelGameInput("Lucky wheel", 10, 5, [prize]), Owner);
            Assert.Equal(code, result.Error?.Code);
            Assert.Null(await game.Get(merchantId));
        }
    }

    private async Task<Guid> CreateCampaignAsync(Guid merchantId, CampaignDefinition definition)
    {
        var campaign = await fixture.CreateCampaignAsync(merchantId, definition);
        return CampaignKey.Parse(campaign.GetPrimaryKeyString()).CampaignId;
    }

    private async Task<IWheelGameGrain> CreateGameAsync(Guid merchantId, long spinCost, params WheelPrizeInput[] prizes)
    {
        var game = fixture.Grains.GetGrain<IWheelGameGrain>(Guid.NewGuid());
        WheelGameResult result = await game.Create(merchantId, new WheelGameInput("Lucky wheel", spinCost, 10, prizes), Owner);
        Assert.Null(result.Error);
        return game;
    }

    private static Task<WheelSpinResult> Spin(Guid merchantId, IWheelGameGrain game, string key) =>
        game.Spin(merchantId, new SpinWheelCommand(E164, key, Pos));
}
