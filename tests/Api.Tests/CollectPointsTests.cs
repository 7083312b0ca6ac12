using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class CollectPointsTests(ApiHostFixture fixture)
{
    private const string Phone = "081-234-5678";
    private const string E164 = "+66812345678";

    [Fact]
    public async Task CollectPoints_ApiKey_ReturnsEntryAndMember()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        DateTimeOffset occurredAt = TestMerchant.HourAgo();
        long expected = TestMerchant.ExpectedPoints(100.50m, 25.00m);

        GraphQLResponse response = await merchant.CollectAsync(Phone, "100.50", "R-1001", "key-1001", occurredAt);

        JsonNode payload = response.Field("collectPoints");
        JsonNode entry = payload["entry"]!;
        JsonNode member = payload["member"]!;
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(4, expected);
        Assert.False(payload["replayed"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(entry["id"]!.GetValue<string>()));
        Assert.Equal("EARN", entry["kind"]!.GetValue<string>());
        Assert.Equal(expected, entry["points"]!.GetValue<long>());
        Assert.Equal("100.50", entry["amount"]!.GetValue<string>());
        Assert.Equal("R-1001", entry["receiptNumber"]!.GetValue<string>());
        Assert.Equal(expected, entry["balanceAfter"]!.GetValue<long>());
        string shownTime = entry["occurredAt"]!.GetValue<string>();
        Assert.EndsWith("+07:00", shownTime);
        Assert.Equal(occurredAt, DateTimeOffset.Parse(shownTime, CultureInfo.InvariantCulture));
        Assert.Equal(E164, member["phone"]!.GetValue<string>());
        Assert.Contains($"\"phone\":\"{E164}\"", response.Text);
        Assert.Equal("PENDING_SIGN_UP", member["status"]!.GetValue<string>());
        Assert.Equal(expected, member["balance"]!.GetValue<long>());
        Assert.Equal(expected, member["lifetimePoints"]!.GetValue<long>());

        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal(long.Parse(entry["id"]!.GetValue<string>(), CultureInfo.InvariantCulture), row.EntryId);
        Assert.Equal(100.50m, row.Amount);
        Assert.Equal(expected, row.Points);
    }

    [Fact]
    public async Task CollectPoints_EveryPhoneForm_OneMember()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        string[] forms =
        [
            "0812345678", "081-234-5678", "081 234 5678", "+66812345678", "66812345678", "+66 81 234 5678",
            "  081 234  5678 ",
        ];

        long expectedBalance = 0;
        for (int i = 0; i < forms.Length; i++)
        {
            GraphQLResponse response = await merchant.CollectAsync(forms[i], "20.00", $"R-form-{i}");

            expectedBalance += TestMerchant.ExpectedPoints(20.00m, 10.00m);
            JsonNode member = response.Field("collectPoints")["member"]!;
            Assert.Equal(E164, member["phone"]!.GetValue<string>());
            Assert.Equal(expectedBalance, member["balance"]!.GetValue<long>());
        }

        foreach (string form in forms)
        {
            JsonNode? member = await merchant.MemberAsync(form);
            Assert.NotNull(member);
            Assert.Equal(E164, member["phone"]!.GetValue<string>());
            Assert.Equal(expectedBalance, member["balance"]!.GetValue<long>());
        }

        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(1, summary.Members);
        Assert.Equal(forms.Length, summary.Entries);
        Assert.Equal(forms.Length, (await fixture.Database.ReadLedgerAsync(merchant.Id, E164)).Count);
    }

    [Fact]
    public async Task CollectPoints_TwentyParallelOneKey_AwardsOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        long expected = TestMerchant.ExpectedPoints(260.00m, 25.00m);

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => merchant.CollectAsync(Phone, "260.00", "R-PAR-1", "one-key-for-all")));

        List<JsonNode> payloads = responses.Select(response => response.Field("collectPoints")).ToList();
        List<string> entryIds = payloads.Select(p => p["entry"]!["id"]!.GetValue<string>()).Distinct().ToList();
        Assert.Single(entryIds);
        Assert.Equal(19, payloads.Count(p => p["replayed"]!.GetValue<bool>()));
        Assert.Equal(1, payloads.Count(p => !p["replayed"]!.GetValue<bool>()));
        Assert.All(payloads, p => Assert.Equal(expected, p["entry"]!["points"]!.GetValue<long>()));
        Assert.All(payloads, p => Assert.Equal(expected, p["member"]!["balance"]!.GetValue<long>()));

        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal(entryIds[0], row.EntryId.ToString(CultureInfo.InvariantCulture));
        JsonNode? member = await merchant.MemberAsync(Phone);
        Assert.Equal(expected, member!["balance"]!.GetValue<long>());
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(1, summary.Entries);
        Assert.Equal(expected, summary.LedgerPoints);
        Assert.Equal(expected, summary.MemberBalances);
    }

    [Fact]
    public async Task CollectPoints_TwentyParallelReceipts_AwardsEach()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(1, 20)
            .Select(i => merchant.CollectAsync(Phone, $"{i}0.00", $"R-P{i:D2}")));

        Assert.All(responses, response => response.Field("collectPoints"));
        long expected = Enumerable.Range(1, 20).Sum(i => TestMerchant.ExpectedPoints(i * 10.00m, 10.00m));
        Assert.Equal(210, expected);
        Assert.Equal(expected, (await merchant.MemberAsync(Phone))!["balance"]!.GetValue<long>());
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchant.Id, E164);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), rows.Select(row => row.Sequence));
        Assert.Equal(expected, rows[^1].BalanceAfter);
    }

    [Fact]
    public async Task CollectPoints_Entry_EqualsHistoryEntry()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        // Both values are valid input, but the ledger keeps two decimal places and microseconds.
        var input = new
        {
            phone = Phone,
            amount = "12.5",
            receiptNumber = "R-SHAPE",
            idempotencyKey = "key-shape",
            occurredAt = "2026-01-15T10:00:00.1234567+07:00",
        };
        GraphQLResponse collected = await fixture.Client.PostAsync(
            Documents.CollectPoints, new { input }, merchant.ApiKey);
        GraphQLResponse history = await fixture.Client.PostAsync(Documents.History,
            new { phone = Phone, first = 1 }, merchant.ApiKey);

        JsonNode entry = collected.Field("collectPoints")["entry"]!;
        JsonNode stored = history.Field("member")["history"]!["edges"]![0]!["node"]!;
        Assert.Equal(stored["id"]!.GetValue<string>(), entry["id"]!.GetValue<string>());
        Assert.Equal(stored["amount"]!.GetValue<string>(), entry["amount"]!.GetValue<string>());
        Assert.Equal(stored["occurredAt"]!.GetValue<string>(), entry["occurredAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task CollectPoints_LoneSurrogateReceipt_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        // A GraphQL string literal may escape half of a surrogate pair, which UTF-8 cannot store.
        const string document = """
            mutation {
              collectPoints(input: {phone: "0812345678", amount: "50.00", receiptNumber: "R-\uD800",
                idempotencyKey: "key-surrogate", occurredAt: "2026-01-15T10:00:00+07:00"}) { entry { id } }
            }
            """;
        GraphQLResponse first = await fixture.Client.PostAsync(document, null, merchant.ApiKey);
        GraphQLResponse retry = await fixture.Client.PostAsync(document, null, merchant.ApiKey);

        Assert.Equal("INVALID_INPUT", first.SingleErrorCode());
        Assert.Equal("INVALID_INPUT", retry.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task CollectPoints_ZeroAmount_EarnsZeroPoints()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(Phone, "0.00", "R-ZERO");

        JsonNode payload = response.Field("collectPoints");
        Assert.Equal("EARN", payload["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(0, payload["entry"]!["points"]!.GetValue<long>());
        Assert.Equal("0.00", payload["entry"]!["amount"]!.GetValue<string>());
        Assert.Equal(0, payload["member"]!["balance"]!.GetValue<long>());
        Assert.Equal("PENDING_SIGN_UP", payload["member"]!["status"]!.GetValue<string>());
        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal("EARN", row.Kind);
        Assert.Equal(0, row.Points);
    }

    [Fact]
    public async Task CollectPoints_NegativeAmount_WritesNothing()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(Phone, "-5.00", "R-NEG");

        Assert.Equal("INVALID_AMOUNT", response.SingleErrorCode());
        Assert.Contains("-5.00", response.Errors[0]["message"]!.GetValue<string>());
        Assert.Null(response.Data?["collectPoints"]);
        Assert.Null(await merchant.MemberAsync(Phone));
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(0, summary.Members);
        Assert.Equal(0, summary.Entries);
        Assert.Equal(0, summary.LedgerPoints);
    }

    [Fact]
    public async Task CollectPoints_ThreeDecimalPlaces_ReturnsInvalidAmount()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(Phone, "10.005", "R-3DP");

        Assert.Equal("INVALID_AMOUNT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task CollectPoints_DuplicateReceipt_ReturnsDuplicateReceipt()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.CollectAsync("0811111111", "75.00", "R-DUP", "key-first")).Field("collectPoints");

        GraphQLResponse sameMember = await merchant.CollectAsync("0811111111", "75.00", "R-DUP", "key-second");
        GraphQLResponse otherMember = await merchant.CollectAsync("0822222222", "75.00", "R-DUP", "key-third");

        Assert.Equal("DUPLICATE_RECEIPT", sameMember.SingleErrorCode());
        Assert.Equal("DUPLICATE_RECEIPT", otherMember.SingleErrorCode());
        Assert.Contains("R-DUP", otherMember.Errors[0]["message"]!.GetValue<string>());
        Assert.Null(await merchant.MemberAsync("0822222222"));
        long expected = TestMerchant.ExpectedPoints(75.00m, 25.00m);
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(1, summary.Entries);
        Assert.Equal(expected, summary.LedgerPoints);
        Assert.Equal(expected, summary.MemberBalances);
    }

    [Fact]
    public async Task CollectPoints_KeyReusedOtherAmount_ReturnsKeyReused()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.CollectAsync(Phone, "75.00", "R-K1", "reused-key")).Field("collectPoints");

        GraphQLResponse response = await merchant.CollectAsync(Phone, "80.00", "R-K1", "reused-key");

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", response.SingleErrorCode());
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Theory]
    [InlineData("0712345678")]
    [InlineData("08123")]
    [InlineData("+0812345678")]
    public async Task CollectPoints_InvalidPhone_ReturnsInvalidPhone(string phone)
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(phone, "50.00", "R-PHONE");

        Assert.Equal("INVALID_PHONE", response.SingleErrorCode());
        string message = response.Errors[0]["message"]!.GetValue<string>();
        Assert.Contains(phone, message);
        Assert.Contains("06, 08 or 09", message);
        Assert.Equal(0, (await merchant.SummaryAsync()).Entries);
    }

    [Fact]
    public async Task CollectPoints_FutureOccurredAt_ReturnsInvalidOccurredAt()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(
            Phone, "50.00", "R-FUTURE", occurredAt: DateTimeOffset.UtcNow.AddHours(2));

        Assert.Equal("INVALID_OCCURRED_AT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task PointsSummary_MixedChanges_Reconciles()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "3.33");
        (await merchant.CollectAsync("0811111111", "100.00", "R-S1")).Field("collectPoints");
        (await merchant.CollectAsync("0922222222", "9.98", "R-S2")).Field("collectPoints");
        (await merchant.SendAsync("0922222222", 40, "send-40")).Field("sendPoints");
        (await merchant.PullAsync("0811111111", 7, "pull-7")).Field("pullPoints");
        long expected = TestMerchant.ExpectedPoints(100.00m, 3.33m)
            + TestMerchant.ExpectedPoints(9.98m, 3.33m) + 40 - 7;

        PointsSummaryView summary = await merchant.SummaryAsync();

        Assert.Equal(30 + 2 + 40 - 7, expected);
        Assert.Equal(2, summary.Members);
        Assert.Equal(4, summary.Entries);
        Assert.Equal(expected, summary.LedgerPoints);
        Assert.Equal(expected, summary.MemberBalances);
    }
}
