using CsCheck;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

/// <summary>
/// Random runs of earns, payments, pulls, refunds and expiry. After every step the balance
/// equals the sum of the member's ledger, every entry's balance follows from the one before,
/// and no entry leaves a negative balance. At the end the
/// lots rebuilt by a new activation equal the ones the grain held.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LifecyclePropertyTests(PointspotClusterFixture fixture) : IDisposable
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(7));

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task RandomLifecycle_BalanceEqualsLedger_NeverNegative()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(Start);
        Guid merchantId = await fixture.CreateMerchantAsync(
            spendPerPoint: 10.00m, expiry: new ExpiryPolicy(ExpiryPolicyKind.Rolling, 1, 0, 0));
        await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetPointValue(1.00m, Owner);
        var steps = Gen.Select(Gen.Int[0, 4], Gen.Int[1, 60]).Array[1, 15];
        int run = 0;

        await steps.SampleAsync(async operations =>
        {
            run++;
            PointspotClusterFixture.PointsTime.SetUtcNow(Start);
            string phone = $"06{run:D8}";
            string e164 = "+66" + phone[1..];
            var member = fixture.Member(merchantId, phone);
            var receipts = new List<string>();

            for (int i = 0; i < operations.Length; i++)
            {
                var (operation, value) = operations[i];
                string key = $"run-{run}-step-{i}";
                switch (operation)
                {
                    case 0:
                        string receipt = $"R-{run}-{i}";
                        receipts.Add(receipt);
                        await member.CollectPoints(Collect(value * 10.00m, receipt, key)
                            with { OccurredAt = PointspotClusterFixture.PointsTime.GetUtcNow() });
                        break;
                    case 1:
                        await member.PayWithPoints(new PayWithPointsCommand(value, null, $"P-{run}-{i}", key, Pos));
                        break;
                    case 2:
                        await member.PullPoints(Adjust(value, key));
                        break;
                    case 3 when receipts.Count > 0:
                        await fixture.Grains.GetGrain<IReceiptGrain>(merchantId).RefundPurchase(
                            new RefundPurchaseCommand(receipts[value % receipts.Count], value * 1.00m, key, Pos));
                        break;
                    default:
                        PointspotClusterFixture.PointsTime.Advance(TimeSpan.FromDays(value));
                        await member.ExpireDue();
                        break;
                }

                List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, e164);
                long balance = (await member.GetMember())?.Balance ?? 0;
                Assert.Equal(rows.Sum(row => row.Points), balance);
                Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));

                // Each entry's balance is the one before plus its points, so for any run of
                // entries the opening balance plus credits minus debits is the closing balance.
                for (int j = 0; j < rows.Count; j++)
                {
                    long opening = j == 0 ? 0 : rows[j - 1].BalanceAfter;
                    Assert.Equal(opening + rows[j].Points, rows[j].BalanceAfter);
                }
            }

            IReadOnlyList<ExpiringPointsView> lotsBefore = await member.GetExpiringPoints();
            long balanceBefore = (await member.GetMember())?.Balance ?? 0;
            await fixture.Cluster.DeactivateAsync(member);
            Assert.Equal(lotsBefore, await member.GetExpiringPoints());
            Assert.Equal(balanceBefore, (await member.GetMember())?.Balance ?? 0);

            // Under a rolling policy every point has an expiry date, so the lots list them all.
            Assert.Equal(balanceBefore, lotsBefore.Sum(view => view.Points));
        }, iter: 25, threads: 1);

        // Over all the runs, the merchant's ledger adds up to the sum of its members' balances.
        PointsSummary summary = await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).GetPointsSummary();
        Assert.Equal(summary.LedgerPoints, summary.MemberBalances);
    }
}
