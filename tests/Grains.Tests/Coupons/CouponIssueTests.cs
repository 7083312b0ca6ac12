using Npgsql;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Campaigns;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Coupons;

[Collection(ClusterCollection.Name)]
public sealed class CouponIssueTests(PointspotClusterFixture fixture)
{
    [Fact]
    public async Task ParallelIssues_NeverPassStock()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await CreateMembersAsync(merchantId, 50);
        var campaign = await fixture.CreateCampaignAsync(merchantId, AmountOff(20m, stock: 20));

        IssueCouponResult[] results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => campaign.Issue(new IssueCouponCommand(PhoneOf(i), "songkran", Owner))));

        Assert.Equal(20, results.Count(r => r.Coupon is not null));
        Assert.Equal(30, results.Count(r => r.Error?.Code == ErrorCodes.CouponExhausted));
        Assert.Equal(20L, await CountCouponsAsync(merchantId));
        Assert.Equal(20, (await campaign.Get())!.IssuedCount);
    }

    [Fact]
    public async Task ParallelIssuesToOneMember_StopAtLimit()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await CreateMembersAsync(merchantId, 1);
        var campaign = await fixture.CreateCampaignAsync(merchantId, AmountOff(20m, perMemberLimit: 3));

        IssueCouponResult[] results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => campaign.Issue(new IssueCouponCommand(PhoneOf(0), $"visit-{i}", Owner))));

        Assert.Equal(3, results.Count(r => r.Coupon is not null));
        Assert.Equal(47, results.Count(r => r.Error?.Code == ErrorCodes.LimitReached));
        Assert.Equal(3L, await CountCouponsAsync(merchantId));
    }

    [Fact]
    public async Task SameOccasion_ReturnsSameCoupon()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await CreateMembersAsync(merchantId, 1);
        var campaign = await fixture.CreateCampaignAsync(merchantId, AmountOff(20m, perMemberLimit: 5));

        IssueCouponResult[] results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(_ => campaign.Issue(new IssueCouponCommand(PhoneOf(0), "welcome-back", Owner))));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Single(results.Select(r => r.Coupon!.Code).Distinct());
        Assert.Equal(1, results.Count(r => !r.Replayed));
        Assert.Equal(1L, await CountCouponsAsync(merchantId));
    }

    [Fact]
    public async Task UnknownMember_IsRejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var campaign = await fixture.CreateCampaignAsync(merchantId, AmountOff(20m));

        IssueCouponResult result = await campaign.Issue(new IssueCouponCommand("0899999999", "x", Owner));

        Assert.Equal(ErrorCodes.MemberNotFound, result.Error?.Code);
        Assert.Equal(0L, await CountCouponsAsync(merchantId));
    }

    [Fact]
    public async Task StoppedCampaign_IssuesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await CreateMembersAsync(merchantId, 1);
        var campaign = await fixture.CreateCampaignAsync(merchantId, AmountOff(20m));
        await campaign.SetActive(false, Owner);

        IssueCouponResult result = await campaign.Issue(new IssueCouponCommand(PhoneOf(0), "x", Owner));

        Assert.Equal(ErrorCodes.CampaignInactive, result.Error?.Code);
        Assert.Equal(0L, await CountCouponsAsync(merchantId));
    }

    [Theory]
    [InlineData(DiscountKind.Amount, null, "discountAmount")]
    [InlineData(DiscountKind.Value, 10.0, "GIFT_VOUCHER")]
    public async Task InvalidDefinition_IsRejected(DiscountKind kind, double? voucher, string named)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var definition = AmountOff(1m) with
        {
            DiscountKind = kind,
            DiscountAmount = null,
            VoucherValue = (decimal?)voucher,
        };
        var grain = fixture.Grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, Guid.NewGuid()));

        CampaignResult result = await grain.Create(definition, Owner);

        Assert.Equal(ErrorCodes.InvalidCampaign, result.Error?.Code);
        Assert.Contains(named, result.Error!.Message);
        Assert.Null(await grain.Get());
    }

    [Fact]
    public async Task WelcomeCampaign_NewMembers_GetCoupon()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var welcome = await fixture.CreateCampaignAsync(merchantId, AmountOff(30m, CouponKind.Welcome));
        Guid welcomeId = (await welcome.Get())!.Id;

        await fixture.Member(merchantId, PhoneOf(1)).CollectPoints(Collect(100m, "R-welcome-1"));
        await fixture.Member(merchantId, PhoneOf(1)).CollectPoints(Collect(100m, "R-welcome-2"));
        await fixture.Member(merchantId, PhoneOf(2)).Register(new MemberProfile("Somchai", null, Gender.Male, true));
        await fixture.Member(merchantId, PhoneOf(2)).Register(new MemberProfile("Somchai", null, Gender.Male, false));

        var coupons = fixture.Grains.GetGrain<IMerchantCouponsGrain>(merchantId);
        var first = await coupons.ListMemberCoupons(E164Of(1));
        var second = await coupons.ListMemberCoupons(E164Of(2));
        Assert.Equal(welcomeId, Assert.Single(first).CampaignId);
        Assert.Equal("welcome", first[0].OccasionKey);
        Assert.Equal(welcomeId, Assert.Single(second).CampaignId);
    }

    [Fact]
    public async Task PurchaseCampaign_IssuesOncePerQualifyingReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var definition = AmountOff(50m, CouponKind.Purchase, perMemberLimit: 10) with { MinimumAmount = 300m };
        await fixture.CreateCampaignAsync(merchantId, definition);
        var member = fixture.Member(merchantId, PhoneOf(3));

        await member.CollectPoints(Collect(299.99m, "R-small"));
        await member.CollectPoints(Collect(300m, "R-big"));
        await member.CollectPoints(Collect(300m, "R-big"));
        await member.CollectPoints(Collect(500m, "R-bigger"));

        var coupons = await fixture.Grains.GetGrain<IMerchantCouponsGrain>(merchantId).ListMemberCoupons(E164Of(3));
        Assert.Equal(["receipt:R-big", "receipt:R-bigger"], coupons.Select(c => c.OccasionKey).Order().ToArray());
    }

    private async Task CreateMembersAsync(Guid merchantId, int count)
    {
        for (int i = 0; i < count; i++)
        {
            PointsChangeResult sent = await fixture.Member(merchantId, PhoneOf(i)).SendPoints(Adjust(1, $"join-{i}"));
            Assert.Null(sent.Error);
        }
    }

    private async Task<long> CountCouponsAsync(Guid merchantId)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM coupon WHERE merchant_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
