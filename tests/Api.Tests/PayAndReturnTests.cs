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

    private const string SetExpiryPolicy = """
        mutation SetExpiry($input: SetExpiryPolicyInput!) { setExpiryPolicy(input: $input) { id } }
        """;

    [Fact]
    public async Task RefundOfExpiredSale_TakesNothingTwice()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind = "ROLLING", months = 1 } }, merchant.OwnerToken)).Field("setExpiryPolicy");
        var longAgo = TestMerchant.HourAgo().AddMonths(-3);
        long expiredSale = TestMerchant.ExpectedPoints(1000.00m, 25.00m);
        long recentSale = TestMerchant.ExpectedPoints(500.00m, 25.00m);
        (await merchant.CollectAsync(Phone, "1000.00", "R-OLD", occurredAt: longAgo)).Field("collectPoints");
        (await merchant.CollectAsync(Phone, "500.00", "R-NEW")).Field("collectPoints");

        JsonNode refunded = (await fixture.Client.PostAsync(Refund, new
        {
            input = new { receiptNumber = "R-OLD", amount = "1000.00", idempotencyKey = "refund-expired" },
        }, merchant.ApiKey)).Field("refundPurchase");

        // The old sale's lot expired whole, so the refund finds nothing left to take back.
        Assert.Equal(0, refunded["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(0, refunded["entry"]!["shortfallPoints"]?.GetValue<long>() ?? 0);
        Assert.Equal(recentSale, refunded["member"]!["balance"]!.GetValue<long>());
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchant.Id, E164);
        Assert.Equal(-expiredSale, rows.Where(row => row.Kind == "EXPIRE").Sum(row => row.Points));
        Assert.Equal(recentSale, rows.Sum(row => row.Points));
    }

    [Fact]
    public async Task VoidOfExpiredSale_TakesNothingTwice()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind = "ROLLING", months = 1 } }, merchant.OwnerToken)).Field("setExpiryPolicy");
        long recentSale = TestMerchant.ExpectedPoints(500.00m, 25.00m);
        (await merchant.CollectAsync(Phone, "1000.00", "R-OLD-V", occurredAt: TestMerchant.HourAgo().AddMonths(-3)))
            .Field("collectPoints");
        (await merchant.CollectAsync(Phone, "500.00", "R-NEW-V")).Field("collectPoints");

        JsonNode voided = (await fixture.Client.PostAsync(Void, new
        {
            input = new { receiptNumber = "R-OLD-V", idempotencyKey = "void-expired" },
        }, merchant.ApiKey)).Field("voidPurchase");

        Assert.Equal(0, Assert.Single(voided["entries"]!.AsArray())!["points"]!.GetValue<long>());
        Assert.Equal(recentSale, voided["member"]!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task VoidPurchase_KeyOfOtherVoid_NamesCallerKey()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await merchant.CollectAsync(Phone, "100.00", "R-KEY-1")).Field("collectPoints");
        (await merchant.CollectAsync(Phone, "200.00", "R-KEY-2")).Field("collectPoints");
        (await fixture.Client.PostAsync(Void, new
        {
            input = new { receiptNumber = "R-KEY-1", idempotencyKey = "void-shared-key" },
        }, merchant.ApiKey)).Field("voidPurchase");

        GraphQLResponse second = await fixture.Client.PostAsync(Void, new
        {
            input = new { receiptNumber = "R-KEY-2", idempotencyKey = "void-shared-key" },
        }, merchant.ApiKey);

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", second.SingleErrorCode());
        string message = second.Errors[0]["message"]!.GetValue<string>();
        Assert.Contains("\"void-shared-key\"", message);
        Assert.DoesNotContain("/earn", message);
        long expected = TestMerchant.ExpectedPoints(200.00m, 25.00m);
        Assert.Equal(expected, (await fixture.Database.ReadLedgerAsync(merchant.Id, E164)).Sum(row => row.Points));
    }

    [Fact]
    public async Task CollectPoints_ReceiptPaidByOtherMember_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await fixture.Client.PostAsync(SetPointValue,
            new { input = new { pointValue = "0.25" } }, merchant.OwnerToken)).Field("setPointValue");
        (await merchant.SendAsync(Phone, 100, "send-payer")).Field("sendPoints");
        (await fixture.Client.PostAsync(Pay, new
        {
            input = new { phone = Phone, points = 10, receiptNumber = "R-SHARED", idempotencyKey = "pay-shared" },
        }, merchant.ApiKey)).Field("payWithPoints");

        GraphQLResponse collected = await merchant.CollectAsync("0840000002", "1000.00", "R-SHARED");

        Assert.Equal("RECEIPT_OF_ANOTHER_MEMBER", collected.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66840000002"));
    }

    [Fact]
    public async Task PayWithPoints_VoidedReceipt_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await fixture.Client.PostAsync(SetPointValue,
            new { input = new { pointValue = "0.25" } }, merchant.OwnerToken)).Field("setPointValue");
        (await merchant.SendAsync(Phone, 200, "send-200")).Field("sendPoints");
        (await merchant.CollectAsync(Phone, "1000.00", "R-VOIDED")).Field("collectPoints");
        (await fixture.Client.PostAsync(Void, new
        {
            input = new { receiptNumber = "R-VOIDED", idempotencyKey = "void-first" },
        }, merchant.ApiKey)).Field("voidPurchase");

        GraphQLResponse paid = await fixture.Client.PostAsync(Pay, new
        {
            input = new { phone = Phone, points = 5, receiptNumber = "R-VOIDED", idempotencyKey = "pay-after-void" },
        }, merchant.ApiKey);

        Assert.Equal("RECEIPT_VOIDED", paid.SingleErrorCode());
        Assert.DoesNotContain(await fixture.Database.ReadLedgerAsync(merchant.Id, E164), row => row.Kind == "PAY");
    }

    [Fact]
    public async Task CollectPoints_MoreThanBillionPoints_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "0.01");

        GraphQLResponse collected = await merchant.CollectAsync(Phone, "10000000.01", "R-HUGE");

        Assert.Equal("INVALID_POINTS", collected.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

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
