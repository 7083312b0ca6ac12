using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Tests;

public sealed class PurchaseFileTests
{
    private static PurchaseFile Parse(string text) => PurchaseFile.Parse(new StringReader(text));

    [Fact]
    public void Parse_MasterCrlfHeader_ReadsPurchases()
    {
        const string text =
            "customer_id  date  number_of_cds  dollar_value\r\n"
            + " 00001 19970101  1  11.77\r\n"
            + " 00002 19970112  1  12.00\r\n"
            + " 00002 19970112  5  77.00\r\n";

        var file = Parse(text);

        Assert.True(file.HasHeader);
        Assert.Empty(file.InvalidLines);
        Assert.Equal(3, file.Purchases.Count);
        var first = file.Purchases[0];
        Assert.Equal(2, first.LineNumber);
        Assert.Equal(1, first.CustomerId);
        Assert.Equal(new DateOnly(1997, 1, 1), first.Date);
        Assert.Equal(1, first.CdCount);
        Assert.Equal("11.77", first.AmountText);
        Assert.Equal(11.77m, first.Amount);
        var last = file.Purchases[2];
        Assert.Equal(4, last.LineNumber);
        Assert.Equal(2, last.CustomerId);
        Assert.Equal(5, last.CdCount);
        Assert.Equal("77.00", last.AmountText);
    }

    [Fact]
    public void Parse_SampleLine_UsesMasterCustomerId()
    {
        const string text = " 00004  0001 19970101  2  29.33\r\n 00004  0001 19970118  2  29.73\r\n";

        var file = Parse(text);

        Assert.False(file.HasHeader);
        Assert.Empty(file.InvalidLines);
        Assert.Equal(2, file.Purchases.Count);
        var first = file.Purchases[0];
        Assert.Equal(1, first.LineNumber);
        Assert.Equal(4, first.CustomerId);
        Assert.Equal(new DateOnly(1997, 1, 1), first.Date);
        Assert.Equal(2, first.CdCount);
        Assert.Equal("29.33", first.AmountText);
        Assert.Equal("0800000004", first.Phone);
    }

    [Fact]
    public void Parse_LfEndingsAndTabs_ReadsPurchases()
    {
        var file = Parse("00007\t19970301\t3\t40.10\n00008 19970302 1 0.00\n");

        Assert.Empty(file.InvalidLines);
        Assert.Equal(2, file.Purchases.Count);
        Assert.Equal(40.10m, file.Purchases[0].Amount);
        Assert.Equal(0m, file.Purchases[1].Amount);
    }

    [Fact]
    public void Parse_BlankLines_AreSkipped()
    {
        var file = Parse(" 00001 19970101  1  11.77\r\n\r\n   \r\n 00002 19970112  1  12.00\r\n\r\n");

        Assert.Empty(file.InvalidLines);
        Assert.Equal(2, file.Purchases.Count);
        Assert.Equal(4, file.Purchases[1].LineNumber);
    }

    [Fact]
    public void Parse_InvalidLines_ReportedAndReadingGoesOn()
    {
        const string text =
            "customer_id date number_of_cds dollar_value\r\n"
            + " 00001 19970101  1  11.77\r\n"
            + " 00002 19970231  1  12.00\r\n"
            + " 00003 19970102  2\r\n"
            + " 00004 19970102  x  20.00\r\n"
            + " 00005 19970102  1  -3.00\r\n"
            + " 0000A 19970102  1  3.00\r\n"
            + " 00006 19970102  1  1e3\r\n"
            + " 00007  000B 19970102  1  3.00\r\n"
            + " 00008 19970102  1  8.50  extra  columns\r\n"
            + "customer_id date number_of_cds dollar_value\r\n"
            + " 00009 19970103  1  9.99\r\n";

        var file = Parse(text);

        Assert.Equal([2, 12], file.Purchases.Select(purchase => purchase.LineNumber));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10, 11], file.InvalidLines.Select(line => line.LineNumber));
        Assert.Contains("date \"19970231\"", file.InvalidLines[0].Reason);
        Assert.Contains("found 3", file.InvalidLines[1].Reason);
        Assert.Contains("number of CDs \"x\"", file.InvalidLines[2].Reason);
        Assert.Contains("dollars \"-3.00\"", file.InvalidLines[3].Reason);
        Assert.Contains("customer id \"0000A\"", file.InvalidLines[4].Reason);
        Assert.Contains("dollars \"1e3\"", file.InvalidLines[5].Reason);
        Assert.Contains("sample customer id \"000B\"", file.InvalidLines[6].Reason);
        Assert.Contains("found 6", file.InvalidLines[7].Reason);
        Assert.Contains("customer id \"customer_id\"", file.InvalidLines[8].Reason);
        Assert.Equal(" 00002 19970231  1  12.00", file.InvalidLines[0].Content);
    }

    [Fact]
    public void Parse_CustomerIdBeyondEightDigits_IsInvalid()
    {
        var file = Parse("123456789 19970101 1 1.00\n99999999 19970101 1 1.00\n");

        var invalid = Assert.Single(file.InvalidLines);
        Assert.Equal(1, invalid.LineNumber);
        Assert.Contains("from 0 to 99999999", invalid.Reason);
        Assert.Equal("0899999999", Assert.Single(file.Purchases).Phone);
    }

    [Fact]
    public void Purchase_ReceiptAndKey_FromLineNumber()
    {
        var file = Parse("customer_id date number_of_cds dollar_value\r\n 00001 19970101  1  11.77\r\n");

        var purchase = Assert.Single(file.Purchases);
        Assert.Equal("CDNOW-2", purchase.ReceiptNumber);
        Assert.Equal("cdnow-2", purchase.IdempotencyKey);
    }

    [Fact]
    public void ExpectedPoints_RoundsDownEachPurchase()
    {
        var file = Parse("1 19970101 1 11.77\n1 19970102 1 0.99\n2 19970103 1 0.00\n3 19970104 1 1286.01\n");

        Assert.Equal(11 + 0 + 0 + 1286, file.ExpectedPoints(1.00m));
        Assert.Equal(5 + 0 + 0 + 643, file.ExpectedPoints(2.00m));
    }

    [Fact]
    public void DistinctPhones_KeepsOrderOfFirstPurchase()
    {
        var file = Parse("3 19970101 1 1.00\n1 19970102 1 1.00\n3 19970103 1 1.00\n2 19970104 1 1.00\n");

        Assert.Equal(["0800000003", "0800000001", "0800000002"], file.DistinctPhones());
    }
}
