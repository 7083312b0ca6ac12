using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

/// <summary>
/// A member grain stores its lots every few entries and an activation starts from the latest
/// snapshot. These tests check that the snapshot is written, used, and ignored when it cannot be
/// trusted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MemberSnapshotTests(PointspotClusterFixture fixture)
{
    private const int Every = PointspotSiloConfigurator.MemberSnapshotEvery;

    [Fact]
    public async Task Append_EveryNthEntry_StoresSnapshotOfBalance()
    {
        var (merchantId, phone, e164) = await NewMemberAsync();
        var member = fixture.Member(merchantId, phone);
        await AddEntriesAsync(member, count: 2 * Every + 1);

        long sequence = await WaitForSnapshotAsync(merchantId, e164, 2 * Every);

        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, e164);
        long balanceThen = rows.Single(row => row.Sequence == sequence).BalanceAfter;
        Assert.Equal(2 * Every, sequence);
        Assert.Equal(balanceThen, await fixture.Database.QueryScalarAsync<long>(
            "SELECT balance FROM member_snapshot WHERE merchant_id = $1 AND phone = $2", merchantId, e164));
    }

    [Fact]
    public async Task Activation_WithSnapshot_ContinuesFromIt()
    {
        var (merchantId, phone, e164) = await NewMemberAsync();
        var member = fixture.Member(merchantId, phone);
        await AddEntriesAsync(member, count: Every + 2);
        await WaitForSnapshotAsync(merchantId, e164, Every);

        // Moving the snapshot's lots to another day shows that the activation took them from the
        // snapshot: a replay of the ledger would give the lots their own days back. The balance
        // is unchanged, so the snapshot still passes the balance check.
        await fixture.Database.ExecuteAsync(
            """
            UPDATE member_snapshot
            SET state = jsonb_set(state, '{lots,lots}', (
                SELECT jsonb_agg(jsonb_set(jsonb_set(lot, '{expiresOn}', '"2099-12-31"'),
                                           '{expiresAt}', '"2099-12-31T17:00:00+00:00"'))
                FROM jsonb_array_elements(state -> 'lots' -> 'lots') AS lot))
            WHERE merchant_id = $1 AND phone = $2
            """, merchantId, e164);
        long snapshotPoints = await fixture.Database.QueryScalarAsync<long>(
            "SELECT balance FROM member_snapshot WHERE merchant_id = $1 AND phone = $2", merchantId, e164);
        await fixture.Cluster.DeactivateAsync(member);

        IReadOnlyList<ExpiringPointsView> expiring = await member.GetExpiringPoints();

        Assert.Contains(new ExpiringPointsView(snapshotPoints, new DateOnly(2099, 12, 31)), expiring);
    }

    [Fact]
    public async Task Activation_FromSnapshot_KeepsCardTotals()
    {
        var (merchantId, phone, e164) = await NewMemberAsync();
        var member = fixture.Member(merchantId, phone);
        await AddEntriesAsync(member, count: 2 * Every + 2);
        await WaitForSnapshotAsync(merchantId, e164, 2 * Every);

        await fixture.Cluster.DeactivateAsync(member);
        MemberCardView card = (await member.GetMemberCard())!;

        // Earns and pulls only: the card counts every earned point and the money of every earn.
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, e164);
        Assert.Equal(rows.Where(row => row.Points > 0).Sum(row => row.Points), card.LifetimePoints);
        Assert.Equal(Enumerable.Range(0, 2 * Every + 2).Where(i => i % 3 != 2).Sum(i => 100.00m + i), card.LifetimeSpend);
    }

    [Theory]
    [InlineData("UPDATE member_snapshot SET format = 99 WHERE merchant_id = $1 AND phone = $2")]
    [InlineData("UPDATE member_snapshot SET state = '{\"lots\": 7}' WHERE merchant_id = $1 AND phone = $2")]
    [InlineData("UPDATE member_snapshot SET state = state - 'card' WHERE merchant_id = $1 AND phone = $2")]
    [InlineData("UPDATE member_snapshot SET balance = balance + 1 WHERE merchant_id = $1 AND phone = $2")]
    [InlineData("UPDATE member_snapshot SET state = jsonb_set(state, '{lots}', '{\"lots\": [], \"payments\": []}'), balance = 0 WHERE merchant_id = $1 AND phone = $2")]
    public async Task Activation_UnusableSnapshot_ReplaysWholeHistory(string damage)
    {
        var (merchantId, phone, e164) = await NewMemberAsync();
        var member = fixture.Member(merchantId, phone);
        await AddEntriesAsync(member, count: Every + 2);
        await WaitForSnapshotAsync(merchantId, e164, Every);
        IReadOnlyList<ExpiringPointsView> expiringBefore = await member.GetExpiringPoints();
        long balanceBefore = (await member.GetMember())!.Balance;

        await fixture.Database.ExecuteAsync(damage, merchantId, e164);
        await fixture.Cluster.DeactivateAsync(member);

        Assert.Equal(expiringBefore, await member.GetExpiringPoints());
        Assert.Equal(balanceBefore, (await member.GetMember())!.Balance);
        PointsChangeResult pay = await member.PullPoints(Adjust(balanceBefore, "pull-all"));
        Assert.Null(pay.Error);
        Assert.Equal(0, pay.Entry!.BalanceAfter);
    }

    private async Task<(Guid MerchantId, string Phone, string E164)> NewMemberAsync()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(
            spendPerPoint: 10.00m, expiry: new ExpiryPolicy(ExpiryPolicyKind.Rolling, 6, 0, 0));
        string digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (merchantId, "09" + digits, "+669" + digits);
    }

    /// <summary>Adds earns on several days with a pull between them, so the lots differ in date and remainder.</summary>
    private static async Task AddEntriesAsync(IMemberGrain member, int count)
    {
        for (int i = 0; i < count; i++)
        {
            PointsChangeResult result = i % 3 == 2
                ? await member.PullPoints(Adjust(3, $"pull-{i}"))
                : await member.CollectPoints(Collect(100.00m + i, $"R-{i}") with { OccurredAt = HourAgo().AddDays(-10 * i) });
            Assert.Null(result.Error);
        }
    }

    /// <summary>Waits until the snapshot written in the background reaches <paramref name="sequence"/>.</summary>
    private async Task<long> WaitForSnapshotAsync(Guid merchantId, string e164, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            long stored = await fixture.Database.QueryScalarAsync<long>(
                "SELECT coalesce(max(seq), 0) FROM member_snapshot WHERE merchant_id = $1 AND phone = $2",
                merchantId, e164);
            if (stored >= sequence)
            {
                return stored;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No snapshot at sequence {sequence} within 15 s; the latest is at {stored}.");
            await Task.Delay(50);
        }
    }
}
