using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Payments;

[Collection(ClusterCollection.Name)]
public sealed class PayWithPointsTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0871234567";
    private const string E164 = "+66871234567";

    [Fact]
    public async Task PayByAmount_RoundsPointsUp()
    {
        Guid merchantId = await CreatePayingMerchantAsync(0.25m);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult paid = await member.PayWithPoints(Pay(null, 10.10m, "R-pay-1"));

        long expectedPoints = (long)decimal.Ceiling(10.10m / 0.25m);
        Assert.Null(paid.Error);
        Assert.Equal(41, expectedPoints);
        Assert.Equal(LedgerEntryKind.Pay, paid.Entry!.Kind);
        Assert.Equal(-expectedPoints, paid.Entry.Points);
        Assert.Equal(10.10m, paid.Entry.Amount);
        Assert.Equal(0.25m, paid.Entry.PointValue);
        Assert.Equal("R-pay-1", paid.Entry.ReceiptNumber);
        Assert.Equal(100 - expectedPoints, paid.Member!.Balance);
    }

    [Fact]
    public async Task PayByPoints_AmountIsExact()
    {
        Guid merchantId = await CreatePayingMerchantAsync(0.35m);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult paid = await member.PayWithPoints(Pay(33, null, "R-pay-2"));

        Assert.Null(paid.Error);
        Assert.Equal(-33, paid.Entry!.Points);
        Assert.Equal(33 * 0.35m, paid.Entry.Amount);
        Assert.Equal(100 - 33, paid.Member!.Balance);
    }

    [Fact]
    public async Task ParallelPayments_NeverOverspend()
    {
        Guid merchantId = await CreatePayingMerchantAsync(1.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult[] results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => member.PayWithPoints(Pay(30, null, $"R-par-{i}"))));

        int expectedPaid = 100 / 30;
        Assert.Equal(expectedPaid, results.Count(result => result.Error is null));
        Assert.Equal(8 - expectedPaid, results.Count(result => result.Error?.Code == ErrorCodes.InsufficientPoints));
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(100 - (expectedPaid * 30), rows.Sum(row => row.Points));
        Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));
        Assert.Equal(100 - (expectedPaid * 30), (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task PayTwice_SameKey_Replayed_OtherKey_Rejected()
    {
        Guid merchantId = await CreatePayingMerchantAsync(1.00m);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult first = await member.PayWithPoints(Pay(10, null, "R-once", "pay-once"));
        PointsChangeResult retry = await member.PayWithPoints(Pay(10, null, "R-once", "pay-once"));
        PointsChangeResult again = await member.PayWithPoints(Pay(10, null, "R-once", "pay-again"));

        Assert.Null(first.Error);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Entry!.Id, retry.Entry!.Id);
        Assert.Equal(ErrorCodes.ReceiptAlreadyPaid, again.Error?.Code);
        Assert.Equal(90, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task Pay_TakesSoonestLot()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.FromHours(7)));
        try
        {
            Guid merchantId = await CreatePayingMerchantAsync(1.00m);
            var merchant = fixture.Grains.GetGrain<IMerchantGrain>(merchantId);
            var member = fixture.Member(merchantId, Phone);
            await member.SendPoints(Adjust(50, "send-never"));
            await merchant.SetExpiryPolicy(new ExpiryPolicy(ExpiryPolicyKind.EndOfMonth, 1, 0, 0), Owner);
            await member.SendPoints(Adjust(20, "send-february"));

            await member.PayWithPoints(Pay(15, null, "R-lot"));
            IReadOnlyList<ExpiringPointsView> expiring = await member.GetExpiringPoints();

            ExpiringPointsView only = Assert.Single(expiring);
            Assert.Equal(new ExpiringPointsView(20 - 15, new DateOnly(2027, 2, 28)), only);
            Assert.Equal(50 + 20 - 15, (await member.GetMember())!.Balance);
        }
        finally
        {
            PointspotClusterFixture.ResetPointsClock();
        }
    }

    [Fact]
    public async Task Pay_InvalidRequests_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult disabled = await member.PayWithPoints(Pay(10, null, "R-off"));
        await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetPointValue(0.50m, Owner);
        PointsChangeResult both = await member.PayWithPoints(Pay(10, 5.00m, "R-both"));
        PointsChangeResult neither = await member.PayWithPoints(Pay(null, null, "R-neither"));
        PointsChangeResult tooMuch = await member.PayWithPoints(Pay(null, 50.01m, "R-much"));
        PointsChangeResult unknown = await fixture.Member(merchantId, "0899999999").PayWithPoints(Pay(1, null, "R-who"));

        Assert.Equal(ErrorCodes.PaymentNotEnabled, disabled.Error?.Code);
        Assert.Equal(ErrorCodes.InvalidInput, both.Error?.Code);
        Assert.Equal(ErrorCodes.InvalidInput, neither.Error?.Code);
        Assert.Equal(ErrorCodes.InsufficientPoints, tooMuch.Error?.Code);
        Assert.Contains("101", tooMuch.Error!.Message);
        Assert.Equal(ErrorCodes.MemberNotFound, unknown.Error?.Code);
        Assert.Equal(100, (await member.GetMember())!.Balance);
    }

    private async Task<Guid> CreatePayingMerchantAsync(decimal pointValue)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        MerchantResult result = await fixture.Grains.GetGrain<IMerchantGrain>(merchantId).SetPointValue(pointValue, Owner);
        Assert.Null(result.Error);
        Assert.Equal(pointValue, result.Settings!.PointValue);
        return merchantId;
    }

    private static PayWithPointsCommand Pay(long? points, decimal? amount, string receiptNumber, string? key = null) =>
        new(points, amount, receiptNumber, key ?? $"pay-{receiptNumber}", Pos);
}
