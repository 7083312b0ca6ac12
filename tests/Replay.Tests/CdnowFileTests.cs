using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Tests;

/// <summary>
/// Reads the real CDNOW files and compares with the figures published with the data set.
/// The master file has 69,659 purchases by 23,570 customers, which earn 2,453,159 points at one
/// point per dollar. 80 of them are of 0.00 dollars, and 1,774 customer-days have more than one
/// purchase. The 1-in-10 sample has 6,919 purchases by 2,357 customers, which earn 239,444 points.
/// </summary>
public sealed class CdnowFileTests
{
    [Fact]
    public void Master_ReadsPublishedTotals()
    {
        var file = PurchaseFile.Read(CdnowData.PathOf("CDNOW_master.txt"));

        Assert.True(file.HasHeader);
        Assert.Empty(file.InvalidLines);
        Assert.Equal(69_659, file.Purchases.Count);
        Assert.Equal(23_570, file.DistinctPhones().Count);
        Assert.Equal(2_453_159, file.ExpectedPoints(1.00m));
        Assert.Equal(2_500_315.63m, file.Purchases.Sum(purchase => purchase.Amount));
        Assert.Equal(80, file.Purchases.Count(purchase => purchase.Amount == 0m));
        Assert.Equal(1_286.01m, file.Purchases.Max(purchase => purchase.Amount));
        int customerDaysWithSeveralPurchases = file.Purchases
            .GroupBy(purchase => (purchase.CustomerId, purchase.Date))
            .Count(group => group.Count() > 1);
        Assert.Equal(1_774, customerDaysWithSeveralPurchases);
    }

    [Fact]
    public void Master_ReceiptNumbersAreUnique()
    {
        var file = PurchaseFile.Read(CdnowData.PathOf("CDNOW_master.txt"));

        int distinctReceipts = file.Purchases.Select(purchase => purchase.ReceiptNumber).Distinct().Count();
        int distinctKeys = file.Purchases.Select(purchase => purchase.IdempotencyKey).Distinct().Count();
        Assert.Equal(file.Purchases.Count, distinctReceipts);
        Assert.Equal(file.Purchases.Count, distinctKeys);
    }

    [Fact]
    public void Master_DatesWithinPublishedRange()
    {
        var file = PurchaseFile.Read(CdnowData.PathOf("CDNOW_master.txt"));

        Assert.Equal(new DateOnly(1997, 1, 1), file.Purchases.Min(purchase => purchase.Date));
        Assert.Equal(new DateOnly(1998, 6, 30), file.Purchases.Max(purchase => purchase.Date));
    }

    [Fact]
    public void Sample_ReadsPublishedTotals()
    {
        var file = PurchaseFile.Read(CdnowData.PathOf("CDNOW_sample.txt"));

        Assert.False(file.HasHeader);
        Assert.Empty(file.InvalidLines);
        Assert.Equal(6_919, file.Purchases.Count);
        Assert.Equal(2_357, file.DistinctPhones().Count);
        Assert.Equal(239_444, file.ExpectedPoints(1.00m));
    }

    [Fact]
    public void Sample_CustomersAreMasterCustomers()
    {
        var master = PurchaseFile.Read(CdnowData.PathOf("CDNOW_master.txt"));
        var sample = PurchaseFile.Read(CdnowData.PathOf("CDNOW_sample.txt"));

        var masterPurchases = master.Purchases
            .Select(purchase => (purchase.CustomerId, purchase.Date, purchase.AmountText))
            .ToHashSet();
        var missing = sample.Purchases
            .Where(purchase => !masterPurchases.Contains((purchase.CustomerId, purchase.Date, purchase.AmountText)))
            .Select(purchase => purchase.LineNumber)
            .Take(5)
            .ToList();
        Assert.True(missing.Count == 0, $"sample lines {string.Join(", ", missing)} have no matching master purchase");
    }
}
