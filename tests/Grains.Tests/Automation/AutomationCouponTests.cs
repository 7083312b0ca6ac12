using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Automation;

/// <summary>Automation rules whose action is SEND_COUPON.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AutomationCouponTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0841234567";
    private const string E164 = "+66841234567";

    [Fact]
    public async Task SendCoupon_NthVisit_IssuesOneCoupon()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(50m));
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        AutomationRuleView rule = await AddCouponRuleAsync(automation, 2, campaignId);
        var member = fixture.Member(merchantId, Phone);

        await member.CollectPoints(Collect(100.00m, "R-1"));
        await member.CollectPoints(Collect(100.00m, "R-2"));
        await member.CollectPoints(Collect(100.00m, "R-3"));
        await automation.CatchUp();
        await automation.CatchUp();

        // As if the pass had crashed after issuing: the firing is pending and the checkpoint is
        // back at the start, so the next pass issues again with the same occasion key.
        await fixture.Database.ExecuteAsync(
            "UPDATE automation_firing SET completed_at = NULL WHERE rule_id = $1", rule.Id);
        await fixture.Database.ExecuteAsync(
            "UPDATE automation_checkpoint SET last_entry_id = 0 WHERE merchant_id = $1", merchantId);
        await automation.CatchUp();

        CouponView coupon = Assert.Single(await ListCouponsAsync(merchantId));
        Assert.Equal(campaignId, coupon.CampaignId);
        long issued = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM coupon WHERE campaign_id = $1 AND phone = $2 AND occasion_key = $3",
            campaignId, E164, $"automation:{rule.Id:N}:{E164}:visit-2");
        Assert.Equal(1, issued);
        Assert.DoesNotContain(await fixture.Database.ReadLedgerAsync(merchantId, E164), row => row.Kind == "AUTOMATION");
        AutomationFiringView firing = Assert.Single(await automation.ListFirings(E164));
        Assert.NotNull(firing.CompletedAt);
        Assert.Null(firing.ErrorCode);
    }

    [Fact]
    public async Task SendCoupon_OutOfStock_CompletedWithError()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(50m, stock: 1));
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        await AddCouponRuleAsync(automation, 1, campaignId);

        await fixture.Member(merchantId, "0841234501").CollectPoints(Collect(100.00m, "R-1"));
        await automation.CatchUp();
        await fixture.Member(merchantId, "0841234502").CollectPoints(Collect(100.00m, "R-2"));
        await automation.CatchUp();
        await automation.CatchUp();

        Assert.Single(await ListCouponsAsync(merchantId, "+66841234501"));
        Assert.Empty(await ListCouponsAsync(merchantId, "+66841234502"));
        AutomationFiringView refused = Assert.Single(await automation.ListFirings("+66841234502"));
        Assert.NotNull(refused.CompletedAt);
        Assert.Equal(ErrorCodes.CouponExhausted, refused.ErrorCode);
        Assert.Equal(2, (await automation.ListFirings(null)).Count);
    }

    [Fact]
    public async Task SendCoupon_StoppedCampaign_CompletedWithError()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(50m));
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        await AddCouponRuleAsync(automation, 1, campaignId);
        var campaign = fixture.Grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, campaignId));
        Assert.Null((await campaign.SetActive(false, Owner)).Error);

        await fixture.Member(merchantId, Phone).CollectPoints(Collect(100.00m, "R-1"));
        await automation.CatchUp();

        Assert.Empty(await ListCouponsAsync(merchantId));
        AutomationFiringView firing = Assert.Single(await automation.ListFirings(E164));
        Assert.NotNull(firing.CompletedAt);
        Assert.Equal(ErrorCodes.CampaignInactive, firing.ErrorCode);
    }

    [Fact]
    public async Task AddRule_SendCouponBadInput_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid campaignId = await CreateCampaignAsync(merchantId, Campaigns.AmountOff(50m));
        Guid otherMerchantId = await fixture.CreateMerchantAsync();
        Guid otherCampaignId = await CreateCampaignAsync(otherMerchantId, Campaigns.AmountOff(50m));
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);

        var cases = new (AutomationRuleInput Input, string Code)[]
        {
            (Rule(AutomationActionKind.SendCoupon, 0, null), ErrorCodes.InvalidAutomationRule),
            (Rule(AutomationActionKind.SendCoupon, 10, campaignId), ErrorCodes.InvalidAutomationRule),
            (Rule(AutomationActionKind.SendCoupon, 0, Guid.NewGuid()), ErrorCodes.NotFound),
            (Rule(AutomationActionKind.SendCoupon, 0, otherCampaignId), ErrorCodes.NotFound),
            (Rule(AutomationActionKind.AwardPoints, 10, campaignId), ErrorCodes.InvalidAutomationRule),
        };
        foreach (var (input, code) in cases)
        {
            AutomationRuleResult result = await automation.AddRule(input, Owner);
            Assert.Equal(code, result.Error?.Code);
        }

        Assert.Empty(await automation.ListRules());
    }

    private static AutomationRuleInput Rule(AutomationActionKind action, long points, Guid? campaignId) =>
        new("Coupon on first visit", AutomationTrigger.NthVisit, 1, action, points, campaignId);

    private async Task<Guid> CreateCampaignAsync(Guid merchantId, CampaignDefinition definition)
    {
        var campaign = await fixture.CreateCampaignAsync(merchantId, definition);
        return CampaignKey.Parse(campaign.GetPrimaryKeyString()).CampaignId;
    }

    private async Task<IReadOnlyList<CouponView>> ListCouponsAsync(Guid merchantId, string phone = E164) =>
        await fixture.Grains.GetGrain<IMerchantCouponsGrain>(merchantId).ListMemberCoupons(phone);

    private static async Task<AutomationRuleView> AddCouponRuleAsync(IAutomationGrain automation, long visit, Guid campaignId)
    {
        AutomationRuleResult result = await automation.AddRule(new AutomationRuleInput($"Coupon on visit {visit}",
            AutomationTrigger.NthVisit, visit, AutomationActionKind.SendCoupon, 0, campaignId), Owner);
        Assert.Null(result.Error);
        return result.Rule!;
    }
}
