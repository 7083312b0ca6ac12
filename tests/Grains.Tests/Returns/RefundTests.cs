using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Returns;

[Collection(ClusterCollection.Name)]
public sealed class RefundTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0881234567";
    private const string E164 = "+66881234567";

    [Fact]
    public async Task Refund_AfterRateChange_UsesEarnRate()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 25.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(1000.00m, "R-rate"));
        await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetEarnRule(10.00m, null, Owner);

        PointsChangeResult refund = await Receipts(merchantId).RefundPurchase(Refund("R-rate", 500.00m));

        // Half of a purchase that earned 1000 / 25 points takes back half of those points, not
        // 500 / 10 at the new rate.
        long earned = ExpectedPoints(1000.00m, 25.00m);
        long expected = earned * 500 / 1000;
        Assert.Null(refund.Error);
        Assert.Equal(LedgerEntryKind.Refund, refund.Entry!.Kind);
        Assert.Equal(-expected, refund.Entry.Points);
        Assert.Equal(500.00m, refund.Entry.Amount);
        Assert.Equal(earned - expected, refund.Member!.Balance);
        Assert.NotEqual(ExpectedPoints(500.00m, 10.00m), expected);
    }

    [Fact]
    public async Task PartialRefunds_OfWholeAmount_SumToEarned()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 3.00m);
        var member = fixture.Member(merchantId, Phone);
        PointsChangeResult earn = await member.CollectPoints(Collect(100.00m, "R-parts"));
        decimal[] parts = [33.33m, 33.33m, 0.01m, 33.33m];

        long earned = ExpectedPoints(100.00m, 3.00m);
        long takenBack = 0;
        decimal refunded = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            PointsChangeResult refund = await Receipts(merchantId).RefundPurchase(Refund("R-parts", parts[i], $"refund-{i}"));

            refunded += parts[i];
            long dueSoFar = (long)decimal.Floor(earned * refunded / 100.00m);
            Assert.Null(refund.Error);
            Assert.Equal(-(dueSoFar - takenBack), refund.Entry!.Points);
            Assert.Equal(earn.Entry!.Id, refund.Entry.ReversesEntryId);
            takenBack = dueSoFar;
        }

        Assert.Equal(100.00m, refunded);
        Assert.Equal(earned, takenBack);
        Assert.Equal(0, (await member.GetMember())!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(0, rows.Sum(row => row.Points));
    }

    [Fact]
    public async Task Refund_MoreThanPurchase_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(80.00m, "R-over"));
        await Receipts(merchantId).RefundPurchase(Refund("R-over", 50.00m, "refund-50"));

        PointsChangeResult over = await Receipts(merchantId).RefundPurchase(Refund("R-over", 30.01m, "refund-30.01"));
        PointsChangeResult unknown = await Receipts(merchantId).RefundPurchase(Refund("R-none", 1.00m));

        Assert.Equal(ErrorCodes.RefundExceedsPurchase, over.Error?.Code);
        Assert.Contains("30.00", over.Error!.Message);
        Assert.Equal(ErrorCodes.ReceiptNotFound, unknown.Error?.Code);
        Assert.Equal(2, (await fixture.Database.ReadLedgerAsync(merchantId, E164)).Count);
    }

    [Fact]
    public async Task Refund_SameKeyTwice_ChangesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(100.00m, "R-retry"));

        PointsChangeResult first = await Receipts(merchantId).RefundPurchase(Refund("R-retry", 40.00m, "refund-once"));
        await fixture.Cluster.DeactivateAsync(member);
        PointsChangeResult retry = await Receipts(merchantId).RefundPurchase(Refund("R-retry", 40.00m, "refund-once"));

        Assert.Null(first.Error);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Entry!.Id, retry.Entry!.Id);
        Assert.Equal(2, (await fixture.Database.ReadLedgerAsync(merchantId, E164)).Count);
        Assert.Equal(10 - 4, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task Refund_BalanceBelowDue_TakesBalance_RecordsShortfall()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(100.00m, "R-spent"));
        await member.PullPoints(Adjust(7, "pull-7"));

        PointsChangeResult refund = await Receipts(merchantId).RefundPurchase(Refund("R-spent", 100.00m));

        long earned = ExpectedPoints(100.00m, 10.00m);
        long balance = earned - 7;
        Assert.Null(refund.Error);
        Assert.Equal(-balance, refund.Entry!.Points);
        Assert.Equal(earned - balance, refund.Entry.ShortfallPoints);
        Assert.Equal(0, refund.Member!.Balance);
    }

    private IReceiptGrain Receipts(Guid merchantId) => fixture.Grains.GetGrain<IReceiptGrain>(merchantId);

    private static RefundPurchaseCommand Refund(string receiptNumber, decimal amount, string? key = null) =>
        new(receiptNumber, amount, key ?? $"refund-{receiptNumber}", Pos);
}
