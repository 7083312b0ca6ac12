using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Automation;

/// <summary>SIGN_UP, BIRTHDAY_MONTH and NO_VISIT_DAYS rules, which the member scan fires.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AutomationMemberTriggerTests(PointspotClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task SignUp_Registered_FiresOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        Assert.Null((await fixture.Member(merchantId, "0871230001").Register(Profile(null))).Error);
        AutomationRuleView rule = await AddRuleAsync(automation, AutomationTrigger.SignUp, 1, 20);
        Assert.Null((await fixture.Member(merchantId, "0871230002").Register(Profile(null))).Error);
        await fixture.Member(merchantId, "0871230003").SendPoints(Adjust(5, "send-5"));

        int firstScan = await automation.ScanMembers();
        int secondScan = await automation.ScanMembers();

        Assert.Equal(1, firstScan);
        Assert.Equal(0, secondScan);
        AutomationFiringView firing = Assert.Single(await automation.ListFirings(null));
        Assert.Equal("+66871230002", firing.Phone);
        Assert.Equal("sign-up", firing.Occasion);
        Assert.Null(firing.EntryId);
        StoredRow award = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66871230002"));
        Assert.Equal("AUTOMATION", award.Kind);
        Assert.Equal(20, award.Points);
        Assert.Equal($"automation:{rule.Id:N}:+66871230002:sign-up", award.IdempotencyKey);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, "+66871230001"));
    }

    [Fact]
    public async Task BirthdayMonth_EachYear_FiresOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        await AddRuleAsync(automation, AutomationTrigger.BirthdayMonth, 1, 50);
        Assert.Null((await fixture.Member(merchantId, "0871240001").Register(Profile(new DateOnly(1990, 7, 15)))).Error);
        Assert.Null((await fixture.Member(merchantId, "0871240002").Register(Profile(new DateOnly(1991, 8, 1)))).Error);
        Assert.Null((await fixture.Member(merchantId, "0871240003").Register(Profile(null))).Error);

        // 1 July 00:30 in Bangkok is still 30 June in UTC: the month is the merchant's.
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 7, 1, 0, 30, 0, Bangkok));
        int july = await automation.ScanMembers();
        int julyAgain = await automation.ScanMembers();
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 8, 10, 12, 0, 0, Bangkok));
        int august = await automation.ScanMembers();
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2028, 7, 3, 12, 0, 0, Bangkok));
        int nextJuly = await automation.ScanMembers();

        Assert.Equal(1, july);
        Assert.Equal(0, julyAgain);
        Assert.Equal(1, august);
        Assert.Equal(1, nextJuly);
        Assert.Equal(["birthday-2027", "birthday-2028"],
            (await automation.ListFirings("+66871240001")).Select(firing => firing.Occasion).Order());
        Assert.Equal("birthday-2027", Assert.Single(await automation.ListFirings("+66871240002")).Occasion);
        Assert.Empty(await automation.ListFirings("+66871240003"));
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, "+66871240001");
        Assert.Equal(2, rows.Count(row => row.Kind == "AUTOMATION"));
    }

    [Fact]
    public async Task NoVisitDays_EachLastVisit_FiresOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        AutomationRuleView rule = await AddRuleAsync(automation, AutomationTrigger.NoVisitDays, 30, 15);
        var start = DateTimeOffset.UtcNow;
        var member = fixture.Member(merchantId, "0871250001");
        var firstVisit = start.AddHours(-1);
        await member.CollectPoints(new CollectPointsCommand(100.00m, "V-1", "collect-V-1", firstVisit, Pos));

        PointspotClusterFixture.PointsTime.SetUtcNow(start.AddDays(29));
        int after29Days = await automation.ScanMembers();
        PointspotClusterFixture.PointsTime.SetUtcNow(start.AddDays(31));
        int after31Days = await automation.ScanMembers();
        int after31DaysAgain = await automation.ScanMembers();
        var secondVisit = start.AddDays(31).AddHours(-1);
        await member.CollectPoints(new CollectPointsCommand(100.00m, "V-2", "collect-V-2", secondVisit, Pos));
        PointspotClusterFixture.PointsTime.SetUtcNow(start.AddDays(45));
        int after14DaysMore = await automation.ScanMembers();
        PointspotClusterFixture.PointsTime.SetUtcNow(start.AddDays(62));
        int after31DaysMore = await automation.ScanMembers();

        Assert.Equal(0, after29Days);
        Assert.Equal(1, after31Days);
        Assert.Equal(0, after31DaysAgain);
        Assert.Equal(0, after14DaysMore);
        Assert.Equal(1, after31DaysMore);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, "+66871250001");
        var firings = (await automation.ListFirings("+66871250001")).OrderBy(firing => firing.FiredAt).ToList();
        Assert.Equal(2, firings.Count);
        Assert.Equal($"no-visit-since-{firstVisit.ToOffset(Bangkok):yyyy-MM-dd}", firings[0].Occasion);
        Assert.Equal($"no-visit-since-{secondVisit.ToOffset(Bangkok):yyyy-MM-dd}", firings[1].Occasion);
        Assert.Equal(rows.Single(row => row.ReceiptNumber == "V-1").EntryId, firings[0].EntryId);
        Assert.Equal(rows.Single(row => row.ReceiptNumber == "V-2").EntryId, firings[1].EntryId);
        Assert.Equal(2, rows.Count(row => row.Kind == "AUTOMATION"));
        Assert.All(rows.Where(row => row.Kind == "AUTOMATION"), row => Assert.StartsWith($"automation:{rule.Id:N}:", row.IdempotencyKey));
    }

    [Theory]
    [InlineData(AutomationTrigger.SignUp, 2)]
    [InlineData(AutomationTrigger.BirthdayMonth, 0)]
    [InlineData(AutomationTrigger.NoVisitDays, 0)]
    [InlineData(AutomationTrigger.NoVisitDays, 3651)]
    public async Task AddRule_BadThreshold_Rejected(AutomationTrigger trigger, long threshold)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);

        AutomationRuleResult result = await automation.AddRule(
            new AutomationRuleInput("Member rule", trigger, threshold, AutomationActionKind.AwardPoints, 10), Owner);

        Assert.Equal(ErrorCodes.InvalidAutomationRule, result.Error?.Code);
        Assert.Empty(await automation.ListRules());
    }

    private static MemberProfile Profile(DateOnly? birthDate) => new("Malee", birthDate, Gender.Female, false);

    private static async Task<AutomationRuleView> AddRuleAsync(
        IAutomationGrain automation, AutomationTrigger trigger, long threshold, long points)
    {
        AutomationRuleResult result = await automation.AddRule(
            new AutomationRuleInput($"{trigger} {threshold}", trigger, threshold, AutomationActionKind.AwardPoints, points), Owner);
        Assert.Null(result.Error);
        return result.Rule!;
    }
}
