using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using Pointspot.Silo.Database;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Automation;

/// <summary>
/// Stops the whole cluster between the entry that triggers a rule and the check, on a database of
/// its own, so nothing of the first cluster's memory survives into the next.
/// </summary>
public sealed class AutomationRestartTests : IAsyncLifetime
{
    private const string E164 = "+66811234567";

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("automation_restart");
        DatabaseMigrator.Apply(_database.ConnectionString, NullLogger.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restart_BetweenTriggerAndCheck_FiresOnce()
    {
        var merchantId = Guid.NewGuid();
        Guid ruleId;
        await using (var first = await StartClusterAsync())
        {
            var merchant = first.GrainFactory.GetGrain<IMerchantGrain>(merchantId);
            await merchant.Initialize("Car Wash Sukhumvit", "Asia/Bangkok");
            await merchant.SetEarnRule(10.00m, null, Owner);
            var rule = await first.GrainFactory.GetGrain<IAutomationGrain>(merchantId).AddRule(
                new AutomationRuleInput("Second wash", AutomationTrigger.NthVisit, 2, AutomationActionKind.AwardPoints, 30), Owner);
            ruleId = rule.Rule!.Id;
            var member = first.GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(merchantId, PhoneNumber.FromE164(E164)));
            await member.CollectPoints(Collect(100.00m, "W-1"));
            await member.CollectPoints(Collect(100.00m, "W-2"));
            await first.StopAllSilosAsync();
        }

        await using (var second = await StartClusterAsync())
        {
            var automation = second.GrainFactory.GetGrain<IAutomationGrain>(merchantId);
            await automation.CatchUp();
            await second.StopAllSilosAsync();
        }

        List<StoredRow> afterSecond = await _database.ReadLedgerAsync(merchantId, E164);

        await using (var third = await StartClusterAsync())
        {
            var automation = third.GrainFactory.GetGrain<IAutomationGrain>(merchantId);
            await _database.ExecuteAsync("UPDATE automation_checkpoint SET last_entry_id = 0 WHERE merchant_id = $1", merchantId);
            await automation.CatchUp();
            await automation.CatchUp();
            await third.StopAllSilosAsync();
        }

        List<StoredRow> afterThird = await _database.ReadLedgerAsync(merchantId, E164);
        StoredRow award = Assert.Single(afterSecond, row => row.Kind == "AUTOMATION");
        Assert.Equal(30, award.Points);
        Assert.Equal($"automation:{ruleId:N}:{E164}:visit-2", award.IdempotencyKey);
        Assert.Equal(afterSecond.Select(row => row.EntryId), afterThird.Select(row => row.EntryId));
        long firings = await _database.QueryScalarAsync<long>(
            "SELECT count(*) FROM automation_firing WHERE rule_id = $1 AND completed_at IS NOT NULL", ruleId);
        Assert.Equal(1, firings);
    }

    [Fact]
    public async Task SendCoupon_RestartAndRerun_IssuesOneCoupon()
    {
        var merchantId = Guid.NewGuid();
        var campaignId = Guid.NewGuid();
        Guid ruleId;
        await using (var first = await StartClusterAsync())
        {
            var merchant = first.GrainFactory.GetGrain<IMerchantGrain>(merchantId);
            await merchant.Initialize("Car Wash Sukhumvit", "Asia/Bangkok");
            await merchant.SetEarnRule(10.00m, null, Owner);
            var campaign = first.GrainFactory.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, campaignId));
            Assert.Null((await campaign.Create(Campaigns.AmountOff(40m), Owner)).Error);
            var rule = await first.GrainFactory.GetGrain<IAutomationGrain>(merchantId).AddRule(
                new AutomationRuleInput("Coupon on the second wash", AutomationTrigger.NthVisit, 2,
                    AutomationActionKind.SendCoupon, 0, campaignId), Owner);
            ruleId = rule.Rule!.Id;
            var member = first.GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(merchantId, PhoneNumber.FromE164(E164)));
            await member.CollectPoints(Collect(100.00m, "W-1"));
            await member.CollectPoints(Collect(100.00m, "W-2"));
            await first.StopAllSilosAsync();
        }

        await using (var second = await StartClusterAsync())
        {
            await second.GrainFactory.GetGrain<IAutomationGrain>(merchantId).CatchUp();
            await second.StopAllSilosAsync();
        }

        await using (var third = await StartClusterAsync())
        {
            var automation = third.GrainFactory.GetGrain<IAutomationGrain>(merchantId);
            await _database.ExecuteAsync("UPDATE automation_checkpoint SET last_entry_id = 0 WHERE merchant_id = $1", merchantId);
            await _database.ExecuteAsync("UPDATE automation_firing SET completed_at = NULL WHERE rule_id = $1", ruleId);
            await automation.CatchUp();
            await automation.CatchUp();
            await third.StopAllSilosAsync();
        }

        long coupons = await _database.QueryScalarAsync<long>(
            "SELECT count(*) FROM coupon WHERE merchant_id = $1 AND phone = $2", merchantId, E164);
        Assert.Equal(1, coupons);
        string occasionKey = await _database.QueryScalarAsync<string>(
            "SELECT occasion_key FROM coupon WHERE merchant_id = $1 AND phone = $2", merchantId, E164);
        Assert.Equal($"automation:{ruleId:N}:{E164}:visit-2", occasionKey);
        long firings = await _database.QueryScalarAsync<long>(
            "SELECT count(*) FROM automation_firing WHERE rule_id = $1 AND completed_at IS NOT NULL AND error_code IS NULL", ruleId);
        Assert.Equal(1, firings);
    }

    [Fact]
    public async Task SignUp_RestartAndRescan_FiresOnce()
    {
        var merchantId = Guid.NewGuid();
        Guid ruleId;
        await using (var first = await StartClusterAsync())
        {
            var merchant = first.GrainFactory.GetGrain<IMerchantGrain>(merchantId);
            await merchant.Initialize("Car Wash Sukhumvit", "Asia/Bangkok");
            await merchant.SetEarnRule(10.00m, null, Owner);
            var automation = first.GrainFactory.GetGrain<IAutomationGrain>(merchantId);
            var rule = await automation.AddRule(new AutomationRuleInput("Welcome points", AutomationTrigger.SignUp, 1,
                AutomationActionKind.AwardPoints, 25), Owner);
            ruleId = rule.Rule!.Id;
            var member = first.GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(merchantId, PhoneNumber.FromE164(E164)));
            Assert.Null((await member.Register(new MemberProfile("Somchai", null, Gender.Male, false))).Error);
            Assert.Equal(1, await automation.ScanMembers());
            await first.StopAllSilosAsync();
        }

        await using (var second = await StartClusterAsync())
        {
            // The second test cluster does not see the merchant grain's state written by the first
            // (GetSettings returns null), so the merchant is set up again. The rule, the member and
            // the firings are rows of PostgreSQL tables, which both clusters read.
            var merchant = second.GrainFactory.GetGrain<IMerchantGrain>(merchantId);
            await merchant.Initialize("Car Wash Sukhumvit", "Asia/Bangkok");
            var automation = second.GrainFactory.GetGrain<IAutomationGrain>(merchantId);
            Assert.Equal(0, await automation.ScanMembers());
            await _database.ExecuteAsync("UPDATE automation_firing SET completed_at = NULL WHERE rule_id = $1", ruleId);
            Assert.Equal(1, await automation.ScanMembers());
            await second.StopAllSilosAsync();
        }

        StoredRow award = Assert.Single(await _database.ReadLedgerAsync(merchantId, E164));
        Assert.Equal("AUTOMATION", award.Kind);
        Assert.Equal(25, award.Points);
        Assert.Equal($"automation:{ruleId:N}:{E164}:sign-up", award.IdempotencyKey);
    }

    private async Task<TestCluster> StartClusterAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties[PointspotClusterFixture.ConnectionStringKey] = _database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PointspotSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
