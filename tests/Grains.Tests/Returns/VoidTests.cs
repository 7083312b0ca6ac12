using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Returns;

[Collection(ClusterCollection.Name)]
public sealed class VoidTests(PointspotClusterFixture fixture) : IDisposable
{
    private const string Phone = "0891112222";
    private const string E164 = "+66891112222";
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task Void_PartlyPaidSale_RestoresLots()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 1, 10, 9, 0, 0, Bangkok));
        Guid merchantId = await fixture.CreateMerchantAsync(
            spendPerPoint: 10.00m, expiry: new ExpiryPolicy(ExpiryPolicyKind.EndOfMonth, 1, 0, 0));
        var merchant = fixture.Grains.GetGrain<IMerchantGrain>(merchantId);
        await merchant.SetPointValue(1.00m, Owner);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(30, "send-january"));
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 2, 5, 9, 0, 0, Bangkok));
        await member.SendPoints(Adjust(50, "send-february"));
        IReadOnlyList<ExpiringPointsView> before = await member.GetExpiringPoints();

        // A sale of 140.00: 40.00 paid with 40 points (30 from the lot valid through February,
        // 10 from the one valid through March), 100.00 in cash, which earns points.
        PointsChangeResult paid = await member.PayWithPoints(new PayWithPointsCommand(40, null, "R-mixed", "pay-mixed", Pos));
        PointsChangeResult earned = await member.CollectPoints(Collect(100.00m, "R-mixed")
            with { OccurredAt = new DateTimeOffset(2027, 2, 5, 9, 0, 0, Bangkok) });
        VoidResult voided = await Receipts(merchantId).VoidPurchase(new VoidPurchaseCommand("R-mixed", "void-mixed", Pos));
        IReadOnlyList<ExpiringPointsView> after = await member.GetExpiringPoints();

        long earnedPoints = ExpectedPoints(100.00m, 10.00m);
        Assert.Equal(
            [new ExpiringPointsView(30, new DateOnly(2027, 2, 28)), new ExpiringPointsView(50, new DateOnly(2027, 3, 31))],
            before);
        Assert.Null(paid.Error);
        Assert.Equal(earnedPoints, earned.Entry!.Points);
        Assert.Null(voided.Error);
        Assert.False(voided.Replayed);
        Assert.Equal(2, voided.Entries.Count);
        Assert.Equal(LedgerEntryKind.Void, voided.Entries[0].Kind);
        Assert.Equal(40, voided.Entries[0].Points);
        Assert.Equal(paid.Entry!.Id, voided.Entries[0].ReversesEntryId);
        Assert.Equal(-earnedPoints, voided.Entries[1].Points);
        Assert.Equal(earned.Entry.Id, voided.Entries[1].ReversesEntryId);
        Assert.Equal(before, after);
        Assert.Equal(30 + 50, voided.Member!.Balance);

        await fixture.Cluster.DeactivateAsync(member);
        Assert.Equal(before, await member.GetExpiringPoints());
    }

    [Fact]
    public async Task Void_Retried_ChangesNothing_OtherKeyRejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetPointValue(0.50m, Owner);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));
        await member.PayWithPoints(new PayWithPointsCommand(null, 20.00m, "R-void", "pay-void", Pos));
        await member.CollectPoints(Collect(60.00m, "R-void"));

        VoidResult first = await Receipts(merchantId).VoidPurchase(new VoidPurchaseCommand("R-void", "void-1", Pos));
        int rowsAfterFirst = (await fixture.Database.ReadLedgerAsync(merchantId, E164)).Count;
        VoidResult retry = await Receipts(merchantId).VoidPurchase(new VoidPurchaseCommand("R-void", "void-1", Pos));
        VoidResult other = await Receipts(merchantId).VoidPurchase(new VoidPurchaseCommand("R-void", "void-2", Pos));
        PointsChangeResult refund = await Receipts(merchantId).RefundPurchase(
            new RefundPurchaseCommand("R-void", 10.00m, "refund-after-void", Pos));

        Assert.Null(first.Error);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Entries.Select(entry => entry.Id), retry.Entries.Select(entry => entry.Id));
        Assert.Equal(ErrorCodes.ReceiptVoided, other.Error?.Code);
        Assert.Equal(ErrorCodes.ReceiptVoided, refund.Error?.Code);
        Assert.Equal(rowsAfterFirst, (await fixture.Database.ReadLedgerAsync(merchantId, E164)).Count);
        Assert.Equal(100, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task Void_AfterPartialRefund_TakesRest()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 10.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(250.00m, "R-rest"));
        PointsChangeResult refund = await Receipts(merchantId).RefundPurchase(
            new RefundPurchaseCommand("R-rest", 100.00m, "refund-100", Pos));

        VoidResult voided = await Receipts(merchantId).VoidPurchase(new VoidPurchaseCommand("R-rest", "void-rest", Pos));

        long earned = ExpectedPoints(250.00m, 10.00m);
        long refunded = earned * 100 / 250;
        Assert.Equal(-refunded, refund.Entry!.Points);
        LedgerEntryView entry = Assert.Single(voided.Entries);
        Assert.Equal(-(earned - refunded), entry.Points);
        Assert.Equal(0, voided.Member!.Balance);
    }

    private IReceiptGrain Receipts(Guid merchantId) => fixture.Grains.GetGrain<IReceiptGrain>(merchantId);
}
