using CsCheck;
using Pointspot.Grains.Interfaces.Expiry;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

/// <summary>
/// Random runs of earns, payments with points, refunds, voids, transfers and expiry runs across
/// four members of one merchant. After every step each member's balance is non-negative and
/// equals the sum of its ledger entries, and the balances add up to the merchant's ledger total.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerPropertyTests(PointspotClusterFixture fixture) : IDisposable
{
    private const int MembersPerRun = 4;
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(7));

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task RandomOperations_BalancesEqualLedger_AcrossMembers()
    {
        // (operation, member, other member, value)
        var steps = Gen.Select(Gen.Int[0, 6], Gen.Int[0, MembersPerRun - 1], Gen.Int[0, MembersPerRun - 1], Gen.Int[1, 80])
            .Array[1, 20];
        int run = 0;

        await steps.SampleAsync(async operations =>
        {
            run++;
            PointspotClusterFixture.PointsTime.SetUtcNow(Start);
            Guid merchantId = await fixture.CreateMerchantAsync(
                spendPerPoint: 10.00m, expiry: new ExpiryPolicy(ExpiryPolicyKind.Rolling, 1, 0, 0));
            await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetPointValue(1.00m, Owner);
            string[] phones = Enumerable.Range(0, MembersPerRun).Select(i => $"09{run:D4}{i:D4}").ToArray();
            var receipts = new List<string>();

            for (int i = 0; i < operations.Length; i++)
            {
                var (operation, member, other, value) = operations[i];
                string key = $"run-{run}-step-{i}";
                await ApplyAsync(merchantId, phones, receipts, operation, member, other, value, key);
                await AssertBalancesMatchLedgerAsync(merchantId, phones, $"run {run}, step {i}: {operations[i]}");
            }
        }, iter: 40, threads: 1);
    }

    private async Task ApplyAsync(
        Guid merchantId, string[] phones, List<string> receipts, int operation, int member, int other, int value,
        string key)
    {
        var grain = fixture.Member(merchantId, phones[member]);
        var receiptGrain = fixture.Grains.GetGrain<IReceiptGrain>(merchantId);
        switch (operation)
        {
            case 0:
                string receipt = $"R-{key}";
                var earned = await grain.CollectPoints(Collect(value * 10.00m, receipt, key)
                    with { OccurredAt = PointspotClusterFixture.PointsTime.GetUtcNow() });
                if (earned.Error is null)
                {
                    receipts.Add(receipt);
                }

                break;
            case 1:
                await grain.PayWithPoints(new PayWithPointsCommand(value, null, $"P-{key}", key, Pos));
                break;
            case 2 when receipts.Count > 0:
                await receiptGrain.RefundPurchase(
                    new RefundPurchaseCommand(receipts[value % receipts.Count], value * 1.00m, key, Pos));
                break;
            case 3 when receipts.Count > 0:
                await receiptGrain.VoidPurchase(new VoidPurchaseCommand(receipts[value % receipts.Count], key, Pos));
                break;
            case 4 when member != other:
                string from = "+66" + phones[member][1..];
                string to = "+66" + phones[other][1..];
                await fixture.Grains.GetGrain<ITransferGrain>(TransferKey.For(merchantId, key))
                    .Transfer(new TransferCommand(from, to, value, Owner));
                break;
            case 5:
                PointspotClusterFixture.PointsTime.Advance(TimeSpan.FromDays(value));
                await fixture.Grains.GetGrain<IExpiryGrain>(merchantId).RunOnce();
                break;
            default:
                await grain.SendPoints(Adjust(value, key));
                break;
        }
    }

    private async Task AssertBalancesMatchLedgerAsync(Guid merchantId, string[] phones, string context)
    {
        long balances = 0;
        foreach (string phone in phones)
        {
            List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, "+66" + phone[1..]);
            long balance = (await fixture.Member(merchantId, phone).GetMember())?.Balance ?? 0;
            Assert.True(balance >= 0, $"{context}: {phone} has balance {balance}");
            Assert.True(rows.Sum(row => row.Points) == balance,
                $"{context}: {phone} has balance {balance} but its entries add up to {rows.Sum(row => row.Points)}");
            Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"{context}: entry {row.EntryId} left {row.BalanceAfter}"));
            balances += balance;
        }

        long ledgerTotal = await fixture.Database.QueryScalarAsync<long>(
            "SELECT coalesce(sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1", merchantId);
        Assert.True(balances == ledgerTotal, $"{context}: balances add up to {balances}, the ledger to {ledgerTotal}");
        long debits = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'TRANSFER_OUT'", merchantId);
        long credits = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'TRANSFER_IN'", merchantId);
        Assert.True(debits == credits, $"{context}: {debits} transfer debits, {credits} credits");
    }
}
