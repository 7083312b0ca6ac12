using Orleans.Runtime;
using Pointspot.Grains.Expiry;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Expiry;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Expiry;

/// <summary>Expiry lots in member grains and the merchant's expiry run, on a clock set by each test.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExpiryTests(PointspotClusterFixture fixture) : IDisposable
{
    private const string Phone = "0861234567";
    private const string E164 = "+66861234567";
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    // Credits on 10 January 2027 are valid through 31 March 2027 under this policy.
    private static readonly ExpiryPolicy EndOfMarch = new(ExpiryPolicyKind.EndOfMonth, 2, 0, 0);
    private static readonly DateTimeOffset TenthOfJanuary = new(2027, 1, 10, 10, 0, 0, Bangkok);

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task PartlySpentLot_Expires_OnlyItsRest()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(TenthOfJanuary);
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: EndOfMarch);
        var member = fixture.Member(merchantId, Phone);
        PointsChangeResult sent = await member.SendPoints(Adjust(100, "send-100"));
        await member.PullPoints(Adjust(30, "pull-30"));

        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 4, 1, 0, 0, 0, Bangkok));
        ExpiryRunResult run = await Expiry(merchantId).RunOnce();

        Assert.Equal(new DateOnly(2027, 3, 31), sent.Entry!.ExpiresOn);
        Assert.Equal(100 - 30, run.Points);
        Assert.Equal(0, run.Failed);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["SEND", "PULL", "EXPIRE"], rows.Select(row => row.Kind));
        Assert.Equal(-(100 - 30), rows[2].Points);
        Assert.Equal(0, rows[2].BalanceAfter);
        long reversed = await fixture.Database.QueryScalarAsync<long>(
            "SELECT reverses_entry_id FROM point_ledger WHERE entry_id = $1", rows[2].EntryId);
        Assert.Equal(sent.Entry.Id, reversed);
        Assert.Equal(0, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task ExpiryRun_Repeated_WritesNothingMore()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(TenthOfJanuary);
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: EndOfMarch);
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(40, "send-40"));
        await fixture.Member(merchantId, "0861234568").SendPoints(Adjust(25, "send-25"));

        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 4, 2, 0, 0, 0, Bangkok));
        ExpiryRunResult first = await Expiry(merchantId).RunOnce();
        ExpiryRunResult second = await Expiry(merchantId).RunOnce();

        // A member grain that is asked again finds nothing due and writes nothing.
        long expireRowsAfterThird = await CountExpireRowsAfterMemberRetryAsync(merchantId);
        Assert.Equal(2, first.Members);
        Assert.Equal(40 + 25, first.Points);
        Assert.Equal(0, second.Members);
        Assert.Equal(0, second.Points);
        Assert.Equal(2, expireRowsAfterThird);
    }

    /// <summary>A lot valid through 31 March is spent at 23:59:59 Bangkok time and expired at 00:00:00.</summary>
    [Fact]
    public async Task Lot_LastSecondSpendable_NextSecondExpired()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(TenthOfJanuary);
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: EndOfMarch);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(50, "send-50"));

        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 3, 31, 23, 59, 59, Bangkok));
        PointsChangeResult lastSecond = await member.PullPoints(Adjust(20, "pull-20"));
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 4, 1, 0, 0, 0, Bangkok));
        PointsChangeResult nextDay = await member.PullPoints(Adjust(10, "pull-10"));

        Assert.Null(lastSecond.Error);
        Assert.Equal(50 - 20, lastSecond.Member!.Balance);
        Assert.Equal(ErrorCodes.InsufficientPoints, nextDay.Error?.Code);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["SEND", "PULL", "EXPIRE"], rows.Select(row => row.Kind));
        Assert.Equal(-(50 - 20), rows[2].Points);
        Assert.Equal(0, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task Debit_TakesSoonestLot_ExpiringPointsFollow()
    {
        var rolling = new ExpiryPolicy(ExpiryPolicyKind.Rolling, 1, 0, 0);
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 1, 20, 9, 0, 0, Bangkok));
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m, expiry: rolling);
        var member = fixture.Member(merchantId, Phone);

        // An offline POS reports a purchase of 10 January after one of 20 January.
        await member.CollectPoints(Collect(200.00m, "R-20") with { OccurredAt = new DateTimeOffset(2027, 1, 20, 8, 0, 0, Bangkok) });
        await member.CollectPoints(Collect(150.00m, "R-10") with { OccurredAt = new DateTimeOffset(2027, 1, 10, 8, 0, 0, Bangkok) });
        await member.SendPoints(Adjust(5, "send-5"));
        await member.PullPoints(Adjust(18, "pull-18"));
        IReadOnlyList<ExpiringPointsView> expiring = await member.GetExpiringPoints();

        long earned10 = ExpectedPoints(150.00m, 10.00m);
        long earned20 = ExpectedPoints(200.00m, 10.00m);

        // The pull empties the lot of 10 January (valid through 10 February) first and takes the
        // rest from the lot of 20 January. The sent points are valid through 20 February too.
        Assert.True(18 >= earned10);
        long leftOn20February = earned20 - (18 - earned10) + 5;
        ExpiringPointsView only = Assert.Single(expiring);
        Assert.Equal(new ExpiringPointsView(leftOn20February, new DateOnly(2027, 2, 20)), only);

        await fixture.Cluster.DeactivateAsync(member);
        IReadOnlyList<ExpiringPointsView> rebuilt = await member.GetExpiringPoints();
        Assert.Equal(expiring, rebuilt);
    }

    [Fact]
    public async Task Credit_AlreadyPastExpiry_ExpiresAtOnce()
    {
        var rolling = new ExpiryPolicy(ExpiryPolicyKind.Rolling, 1, 0, 0);
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 5, 1, 9, 0, 0, Bangkok));
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m, expiry: rolling);
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult result = await member.CollectPoints(
            Collect(120.00m, "R-old") with { OccurredAt = new DateTimeOffset(2027, 3, 15, 12, 0, 0, Bangkok) });

        Assert.Null(result.Error);
        Assert.Equal(new DateOnly(2027, 4, 15), result.Entry!.ExpiresOn);
        Assert.Equal(0, result.Member!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["EARN", "EXPIRE"], rows.Select(row => row.Kind));
        Assert.Equal(-ExpectedPoints(120.00m, 10.00m), rows[1].Points);
    }

    [Fact]
    public async Task ReminderTick_ExpiresDueLots()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(TenthOfJanuary);
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: EndOfMarch);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(60, "send-60"));
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 4, 1, 0, 30, 0, Bangkok));

        // The reminder service calls IRemindable.ReceiveReminder; this test makes the same call.
        var remindable = fixture.Grains.GetGrain<IRemindable>(Expiry(merchantId).GetGrainId());
        await remindable.ReceiveReminder(ExpiryGrain.ReminderName,
            new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(1), DateTime.UtcNow));

        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["SEND", "EXPIRE"], rows.Select(row => row.Kind));
        Assert.Equal(-60, rows[1].Points);
        Assert.Equal(0, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task SetExpiryPolicy_RegistersReminder()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: EndOfMarch);

        long reminders = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'expire-points' AND grain_id LIKE $1",
            $"%{merchantId:N}%");

        Assert.Equal(1, reminders);
    }

    [Fact]
    public async Task SetExpiryPolicy_29February_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();

        MerchantResult result = await fixture.Grains.GetGrain<IMerchantGrain>(merchantId)
            .SetExpiryPolicy(new ExpiryPolicy(ExpiryPolicyKind.FixedDate, 0, 2, 29), Owner);

        Assert.Equal(ErrorCodes.InvalidExpiryPolicy, result.Error?.Code);
        Assert.Contains("29", result.Error!.Message);
    }

    private IExpiryGrain Expiry(Guid merchantId) => fixture.Grains.GetGrain<IExpiryGrain>(merchantId);

    private async Task<long> CountExpireRowsAfterMemberRetryAsync(Guid merchantId)
    {
        ExpireResult again = await fixture.Member(merchantId, Phone).ExpireDue();
        Assert.Null(again.Error);
        Assert.Equal(0, again.Points);
        return await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'EXPIRE'", merchantId);
    }
}
