using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PayAndReturnTests(ApiHostFixture fixture)
{
    private const string Phone = "0934567890";
    private const string E164 = "+66934567890";

    private const string SetPointValue = """
        mutation SetPointValue($input: SetPointValueInput!) { setPointValue(input: $input) { id pointValue } }
        """;

    private const string Pay = """
        mutation Pay($input: PayWithPointsInput!) {
          payWithPoints(input: $input) { replayed entry { id kind points amount pointValue balanceAfter } member { balance } }
        }
        """;

    private const string Refund = """
        mutation Refund($input: RefundPurchaseInput!) {
          refundPurchase(input: $input) { replayed entry { id kind points amount reversesEntryId shortfallPoints } member { balance } }
        }
        """;

    private const string Void = """
        mutation Void($input: VoidPurchaseInput!) {
          voidPurchase(input: $input) { replayed entries { kind points reversesEntryId } member { balance } }
        }
        """;

    [Fact]
    public async Task PayRefundVoid_OverHttp()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        JsonNode valued = (await fixture.Client.PostAsync(SetPointValue,
            new { input = new { pointValue = "0.25" } }, merchant.OwnerToken)).Field("setPointValue");
        (await merchant.SendAsync(Phone, 100, "send-100")).Field("sendPoints");

        JsonNode paid = (await fixture.Client.PostAsync(Pay, new
        {
            input = new { phone = Phone, amount = "10.10", receiptNumber = "R-http", idempotencyKey = "pay-http" },
        }, merchant.ApiKey)).Field("payWithPoints");
        JsonNode earned = (await merchant.CollectAsync(Phone, "50.00", "R-http")).Field("collectPoints");
        JsonNode refunded = (await fixture.Client.PostAsync(Refund, new
        {
            input = new { receiptNumber = "R-http", amount = "20.00", idempotencyKey = "refund-http" },
        }, merchant.ApiKey)).Field("refundPurchase");
        GraphQLResponse tooMuch = await fixture.Client.PostAsync(Refund, new
        {
            input = new { receiptNumber = "R-http", amount = "30.01", idempotencyKey = "refund-too-much" },
        }, merchant.ApiKey);
        JsonNode voided = (await fixture.Client.PostAsync(Void, new
        {
            input = new { receiptNumber = "R-http", idempotencyKey = "void-http" },
        }, merchant.ApiKey)).Field("voidPurchase");

        long payPoints = (long)decimal.Ceiling(10.10m / 0.25m);
        long earnedPoints = TestMerchant.ExpectedPoints(50.00m, 10.00m);
        long refundPoints = (long)decimal.Floor(earnedPoints * 20.00m / 50.00m);
        Assert.Equal("0.25", valued["pointValue"]!.GetValue<string>());
        Assert.Equal("PAY", paid["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(-payPoints, paid["entry"]!["points"]!.GetValue<long>());
        Assert.Equal("10.10", paid["entry"]!["amount"]!.GetValue<string>());
        Assert.Equal(100 - payPoints, paid["member"]!["balance"]!.GetValue<long>());
        Assert.Equal(earnedPoints, earned["entry"]!["points"]!.GetValue<long>());
        Assert.Equal("REFUND", refunded["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(-refundPoints, refunded["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(earned["entry"]!["id"]!.GetValue<string>(), refunded["entry"]!["reversesEntryId"]!.GetValue<string>());
        Assert.Equal(0, refunded["entry"]!["shortfallPoints"]!.GetValue<long>());
        Assert.Equal("REFUND_EXCEEDS_PURCHASE", tooMuch.SingleErrorCode());
        JsonArray entries = voided["entries"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Equal(payPoints, entries[0]!["points"]!.GetValue<long>());
        Assert.Equal(paid["entry"]!["id"]!.GetValue<string>(), entries[0]!["reversesEntryId"]!.GetValue<string>());
        Assert.Equal(-(earnedPoints - refundPoints), entries[1]!["points"]!.GetValue<long>());
        Assert.Equal(100, voided["member"]!["balance"]!.GetValue<long>());
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(100, summary.LedgerPoints);
        Assert.Equal(100, summary.MemberBalances);
    }

    [Fact]
    public async Task PayWithPoints_TenParallel_NeverOverspend()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await fixture.Client.PostAsync(SetPointValue, new { input = new { pointValue = "1.00" } }, merchant.OwnerToken))
            .Field("setPointValue");
        (await merchant.SendAsync(Phone, 50, "send-50")).Field("sendPoints");

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => fixture.Client.PostAsync(Pay,
            new { input = new { phone = Phone, points = 20, receiptNumber = $"R-par-{i}", idempotencyKey = $"pay-par-{i}" } },
            merchant.ApiKey)));

        int expectedPaid = 50 / 20;
        Assert.Equal(expectedPaid, responses.Count(response => response.Errors.Count == 0));
        Assert.Equal(10 - expectedPaid, responses.Count(response =>
            response.Errors.Count == 1 && response.ErrorCodes[0] == "INSUFFICIENT_POINTS"));
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchant.Id, E164);
        Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));
        Assert.Equal(50 - (expectedPaid * 20), rows.Sum(row => row.Points));
    }
}
