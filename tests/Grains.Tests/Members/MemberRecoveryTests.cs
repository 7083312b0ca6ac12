using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

/// <summary>The member grain's balance is a cache of the ledger: these tests rebuild it and compare.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MemberRecoveryTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0891234567";
    private const string E164 = "+66891234567";

    [Fact]
    public async Task Deactivation_ThenGetMember_EqualsLedger()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(125.00m, "R-1"));
        await member.SendPoints(Adjust(7, "send-7"));
        await member.PullPoints(Adjust(4, "pull-4"));
        await member.CollectPoints(Collect(9.99m, "R-2"));
        MemberView before = (await member.GetMember())!;

        await fixture.Cluster.DeactivateAsync(member);
        MemberView after = (await member.GetMember())!;

        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        long expectedBalance = ExpectedPoints(125.00m, 10.00m) + 7 - 4 + ExpectedPoints(9.99m, 10.00m);
        Assert.Equal(expectedBalance, rows.Sum(row => row.Points));
        Assert.Equal(expectedBalance, rows[^1].BalanceAfter);
        Assert.Equal(rows.Where(row => row.Points > 0).Sum(row => row.Points), rows[^1].LifetimeAfter);
        Assert.Equal(expectedBalance, after.Balance);
        Assert.Equal(rows[^1].LifetimeAfter, after.LifetimePoints);
        Assert.Equal(before.Balance, after.Balance);
        Assert.Equal(before.LifetimePoints, after.LifetimePoints);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.CreatedAt, after.CreatedAt);
    }

    [Fact]
    public async Task Deactivation_ThenCollect_ContinuesSequence()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(20, "send-20"));
        await member.SendPoints(Adjust(5, "send-5"));

        await fixture.Cluster.DeactivateAsync(member);
        PointsChangeResult result = await member.CollectPoints(Collect(50.00m, "R-after"));

        Assert.Null(result.Error);
        Assert.Equal(3, result.Entry!.Sequence);
        Assert.Equal(20 + 5 + ExpectedPoints(50.00m, 25.00m), result.Entry.BalanceAfter);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal([1L, 2L, 3L], rows.Select(row => row.Sequence));
    }

    [Fact]
    public async Task Deactivation_AfterOutsideWrite_LoadsLedger()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(10, "send-10"));

        // Another writer, such as a second activation during a membership change, adds entry 2.
        await InsertOutsideEntryAsync(merchantId, sequence: 2, points: 15, balanceAfter: 25, lifetimeAfter: 25);
        await fixture.Cluster.DeactivateAsync(member);
        MemberView view = (await member.GetMember())!;

        Assert.Equal(25, view.Balance);
        Assert.Equal(25, view.LifetimePoints);
    }

    [Fact]
    public async Task StaleActivation_SequenceTaken_RetrySucceeds()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(10, "send-10"));
        await InsertOutsideEntryAsync(merchantId, sequence: 2, points: 15, balanceAfter: 25, lifetimeAfter: 25);
        var command = Collect(50.00m, "R-stale", "stale-key");

        // The activation still believes entry 1 is the latest, so its entry 2 conflicts.
        PointsChangeResult stale = await member.CollectPoints(command);
        PointsChangeResult retry = await member.CollectPoints(command);

        Assert.Equal(ErrorCodes.Unavailable, stale.Error?.Code);
        Assert.Null(retry.Error);
        Assert.False(retry.Replayed);
        Assert.Equal(3, retry.Entry!.Sequence);
        Assert.Equal(25 + ExpectedPoints(50.00m, 25.00m), retry.Entry.BalanceAfter);
        Assert.Equal(25 + ExpectedPoints(50.00m, 25.00m), retry.Member!.Balance);
    }

    [Fact]
    public async Task GetHistory_NewestFirst_EqualsLedgerRows()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(100.00m, "R-1"));
        await member.SendPoints(Adjust(3, "send-3"));
        await member.CollectPoints(Collect(49.99m, "R-2"));
        await member.PullPoints(Adjust(2, "pull-2"));
        await member.CollectPoints(Collect(0.00m, "R-3"));

        HistoryPage page = await member.GetHistory(first: 10, before: null);

        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        rows.Reverse();
        Assert.False(page.HasNextPage);
        Assert.Equal(rows.Count, page.Entries.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            StoredRow row = rows[i];
            LedgerEntryView entry = page.Entries[i];
            Assert.Equal(row.EntryId, entry.Id);
            Assert.Equal(row.Sequence, entry.Sequence);
            Assert.Equal(row.Kind, entry.Kind.ToDatabase());
            Assert.Equal(row.Points, entry.Points);
            Assert.Equal(row.BalanceAfter, entry.BalanceAfter);
            Assert.Equal(row.Amount, entry.Amount);
            Assert.Equal(row.ReceiptNumber, entry.ReceiptNumber);
        }

        Assert.Equal([5L, 4L, 3L, 2L, 1L], page.Entries.Select(entry => entry.Sequence));
    }

    [Fact]
    public async Task GetHistory_Pages_CoverEveryEntryOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        for (int i = 1; i <= 7; i++)
        {
            await member.SendPoints(Adjust(i, $"send-{i}"));
        }

        HistoryPage first = await member.GetHistory(first: 3, before: null);
        HistoryPage second = await member.GetHistory(first: 3, before: first.Entries[^1].Sequence);
        HistoryPage third = await member.GetHistory(first: 3, before: second.Entries[^1].Sequence);

        Assert.True(first.HasNextPage);
        Assert.True(second.HasNextPage);
        Assert.False(third.HasNextPage);
        Assert.Equal([7L, 6L, 5L], first.Entries.Select(entry => entry.Points));
        Assert.Equal([4L, 3L, 2L], second.Entries.Select(entry => entry.Points));
        Assert.Equal([1L], third.Entries.Select(entry => entry.Points));
    }

    [Fact]
    public async Task MerchantSettings_AfterDeactivation_KeepEarnRule()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 12.50m, minimumSpend: 40.00m);
        var merchant = fixture.Grains.GetGrain<IMerchantGrain>(merchantId);

        await fixture.Cluster.DeactivateAsync(merchant);
        MerchantSettings? settings = await merchant.GetSettings();

        Assert.NotNull(settings);
        Assert.Equal(merchantId, settings.Id);
        Assert.Equal("Asia/Bangkok", settings.TimeZone);
        Assert.Equal(12.50m, settings.EarnRule.SpendPerPoint);
        Assert.Equal(40.00m, settings.EarnRule.MinimumSpend);
    }

    private Task InsertOutsideEntryAsync(
        Guid merchantId, long sequence, long points, long balanceAfter, long lifetimeAfter) =>
        fixture.Database.ExecuteAsync(
            """
            INSERT INTO point_ledger (merchant_id, phone, seq, kind, points, balance_after, lifetime_after,
                                      reason, idempotency_key, actor, occurred_at)
            VALUES ($1, $2, $3, 'SEND', $4, $5, $6, 'outside write', $7, 'test', now())
            """,
            merchantId, E164, sequence, points, balanceAfter, lifetimeAfter, $"outside-{sequence}");
}
