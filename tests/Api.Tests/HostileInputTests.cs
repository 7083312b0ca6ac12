using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Every mutation that changes points, members or products against a table of hostile inputs:
/// broken bodies, wrong types, out-of-range numbers, huge strings, injection strings and bad
/// credentials. Each must get an error with a stable code, other than INTERNAL, and leave the
/// merchant's ledger, members and products as they were, or store an injection string verbatim.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiHostFixture fixture)
{
    private const string Member = "0811112222";
    private const string OtherMember = "0822223333";
    private const string SeedReceipt = "R-SEED";

    /// <summary>Strings that would do harm if a layer interpreted them instead of storing them.</summary>
    private static readonly string[] InjectionStrings =
    [
        "'; DROP TABLE point_ledger; --",
        "\" OR 1=1 --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "%s%s%n%x {0} {{0}} ${PATH}",
        "$(rm -rf /) `id`",
        "\\u0027 \\\\ \\\"",
    ];

    public static readonly TheoryData<string> MutationNames = new(HostileMutation.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_WrongVariableTypes_RejectedUnchanged(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, before) = await SeededMerchantAsync();

        foreach (string field in mutation.ValidInput(Unique()).Select(pair => pair.Key).ToList())
        {
            foreach (JsonNode? wrong in WrongValues(mutation, field))
            {
                var input = mutation.ValidInput(Unique());
                input[field] = wrong;

                GraphQLResponse response = await PostAsync(merchant, mutation, input);

                AssertRejected(response, $"{name}.{field} = {wrong?.ToJsonString() ?? "null"}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_OutOfRangeNumbers_RejectedUnchanged(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, before) = await SeededMerchantAsync();
        JsonNode[] badPoints =
        [
            JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(long.MinValue),
            JsonNode.Parse("9223372036854775808")!, JsonNode.Parse("1e40")!, JsonNode.Parse("1.5")!,
        ];
        JsonNode[] badMoney =
        [
            "-1.00", "-0.01", "1.001", "79228162514264337593543950336", "1e400", "NaN", "Infinity", "0x10", "",
            JsonNode.Parse("-5")!, JsonNode.Parse("1e300")!,
        ];

        foreach (string field in mutation.LongFields)
        {
            // A product may earn 0 points per unit, but every other count of points starts at 1.
            foreach (JsonNode bad in badPoints.Where(p => field != "pointsPerUnit" || p.ToJsonString() != "0"))
            {
                await SendAndAssertRejectedAsync(merchant, mutation, field, bad.DeepClone());
            }
        }

        foreach (string field in mutation.MoneyFields)
        {
            foreach (JsonNode bad in badMoney)
            {
                await SendAndAssertRejectedAsync(merchant, mutation, field, bad.DeepClone());
            }
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_MegabyteStrings_RejectedUnchanged(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, before) = await SeededMerchantAsync();

        // One million characters, just under the 1 MiB body limit with the rest of the request.
        string huge = new('x', 1_000_000);
        foreach (string field in mutation.TextFields)
        {
            await SendAndAssertRejectedAsync(merchant, mutation, field, huge);
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_InjectionStrings_StoredVerbatimOrRejected(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, _) = await SeededMerchantAsync();

        foreach (string field in mutation.TextFields.Where(f => !f.EndsWith("hone", StringComparison.Ordinal)))
        {
            foreach (string text in InjectionStrings)
            {
                var input = mutation.ValidInput(Unique());
                input[field] = text;

                GraphQLResponse response = await PostAsync(merchant, mutation, input);

                string context = $"{name}.{field} = {text}";
                if (response.Errors.Count > 0)
                {
                    AssertRejected(response, context);
                    continue;
                }

                Assert.True(await StoredVerbatimAsync(merchant.Id, text), $"{context}: not stored verbatim.");
            }
        }

        // The ledger is still there and still adds up.
        var summary = await merchant.SummaryAsync();
        Assert.Equal(summary.LedgerPoints, summary.MemberBalances);
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_BrokenBodies_RejectedUnchanged(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, before) = await SeededMerchantAsync();
        string valid = JsonSerializer.Serialize(new { query = mutation.Document, variables = new { input = mutation.ValidInput(Unique()) } });
        string nested = "{\"query\":" + JsonSerializer.Serialize(mutation.Document) + ",\"variables\":{\"input\":"
            + new string('[', 10_000) + new string(']', 10_000) + "}}";
        string deepInput = "{\"query\":" + JsonSerializer.Serialize(mutation.Document) + ",\"variables\":{\"input\":"
            + string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60) + "}}";

        var bodies = new List<(string Case, byte[] Body, HttpStatusCode[] Statuses)>
        {
            ("cut short", Encoding.UTF8.GetBytes(valid[..(valid.Length / 2)]), [HttpStatusCode.BadRequest]),
            ("trailing comma", Encoding.UTF8.GetBytes(valid[..^1] + ",}"), [HttpStatusCode.BadRequest]),
            ("invalid UTF-8", InvalidUtf8(valid), [HttpStatusCode.BadRequest]),
            ("10,000 nested arrays", Encoding.UTF8.GetBytes(nested), [HttpStatusCode.BadRequest]),
            ("60 nested objects", Encoding.UTF8.GetBytes(deepInput), [HttpStatusCode.BadRequest]),
            ("2 MiB document", Encoding.UTF8.GetBytes(valid[..^1] + ",\"extensions\":{\"pad\":\"" + new string('x', 2 << 20) + "\"}}"),
                [HttpStatusCode.RequestEntityTooLarge]),
        };

        foreach (var (label, body, statuses) in bodies)
        {
            var (status, json) = await PostRawAsync(body, mutation.OwnerOnly ? merchant.OwnerToken : merchant.ApiKey);

            Assert.True(statuses.Contains(status), $"{name}, {label}: HTTP {(int)status}");
            string? code = json?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(code), $"{name}, {label}: no error code in {json?.ToJsonString()}");
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [MemberData(nameof(MutationNames))]
    public async Task Mutation_BadCredentials_RejectedUnchanged(string name)
    {
        var mutation = HostileMutation.Find(name);
        var (merchant, before) = await SeededMerchantAsync();
        string expired = await ExpiredOwnerTokenAsync(merchant);
        var revoked = (await fixture.Client.PostAsync(Documents.CreateApiKey,
            new { input = new { name = "Old counter" } }, merchant.OwnerToken)).Field("createApiKey");
        string revokedKey = revoked["secret"]!.GetValue<string>();
        (await fixture.Client.PostAsync(Documents.RevokeApiKey, new { id = revoked["apiKey"]!["id"]!.GetValue<string>() },
            merchant.OwnerToken)).Field("revokeApiKey");

        foreach (var (label, bearer) in new (string, string?)[]
        {
            ("no credentials", null), ("expired token", expired), ("revoked key", revokedKey),
            ("made-up key", "psk_" + new string('A', 43)), ("not a bearer secret", "' OR 1=1 --"),
        })
        {
            GraphQLResponse response = await fixture.Client.PostAsync(mutation.Document,
                new { input = mutation.ValidInput(Unique()) }, bearer);

            Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
            Assert.True(response.Data is null || response.Data[mutation.Name] is null, $"{name}, {label}: {response.Text}");
        }

        // Another merchant's owner acts on that merchant, never on this one.
        TestMerchant other = await fixture.NewMerchantAsync();
        await fixture.Client.PostAsync(mutation.Document, new { input = mutation.ValidInput(Unique()) }, other.OwnerToken);
        await fixture.Client.PostAsync(mutation.Document, new { input = mutation.ValidInput(Unique()) }, other.ApiKey);

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Theory]
    [InlineData("imports")]
    [InlineData("claims")]
    public async Task Upload_BadCredentials_RejectedUnchanged(string path)
    {
        var (merchant, before) = await SeededMerchantAsync();
        string expired = await ExpiredOwnerTokenAsync(merchant);
        using var uploads = new UploadClient(fixture.Host.BaseAddress);
        var fields = path == "imports" ? new Dictionary<string, string> { ["kind"] = "POINTS" } : ClaimFields("R-CLAIM");
        byte[] file = path == "imports" ? "phone,points,reason\n0811112222,5,x\n"u8.ToArray() : ReceiptPhotos.Jpeg();
        string type = path == "imports" ? "text/csv" : "image/jpeg";

        foreach (string? bearer in new[] { null, expired, "psk_" + new string('A', 43) })
        {
            var (status, body) = await uploads.PostFormAsync(path, bearer, fields, path == "imports" ? "file" : "photo",
                path == "imports" ? "p.csv" : "r.jpg", file, type);

            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("UNAUTHENTICATED", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
        Assert.Equal(0, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_claim WHERE merchant_id = $1", merchant.Id));
    }

    [Fact]
    public async Task Claims_HostileFields_RejectedOrVerbatim()
    {
        var (merchant, before) = await SeededMerchantAsync();
        using var uploads = new UploadClient(fixture.Host.BaseAddress);
        var rejected = new (string Field, string Value)[]
        {
            ("amount", "-1.00"), ("amount", "1.001"), ("amount", "79228162514264337593543950336"), ("amount", "1e400"),
            ("amount", "NaN"), ("amount", "twelve"), ("amount", ""),
            ("phone", "12345"), ("phone", new string('9', 1_000_000)), ("receiptNumber", new string('x', 1_000_000)),
            ("receiptNumber", ""), ("purchasedAt", "yesterday"), ("purchasedAt", "9999-12-31T00:00:00+07:00"),
        };

        foreach (var (field, value) in rejected)
        {
            var fields = ClaimFields($"R-{Unique()}");
            fields[field] = value;

            var (status, body) = await uploads.PostFormAsync("claims", merchant.ApiKey, fields, "photo", "r.jpg",
                ReceiptPhotos.Jpeg(), "image/jpeg");

            string context = $"claim {field} = {Shorten(value)}";
            Assert.True((int)status is >= 400 and < 500, $"{context}: HTTP {(int)status}");
            string? code = body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
            Assert.True(code is not (null or "" or "INTERNAL"), $"{context}: {Shorten(body?.ToJsonString() ?? "")}");
        }

        Assert.Equal(0, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_claim WHERE merchant_id = $1", merchant.Id));

        foreach (string text in InjectionStrings)
        {
            var (status, body) = await uploads.PostFormAsync("claims", merchant.ApiKey, ClaimFields(text), "photo", "r.jpg",
                ReceiptPhotos.Jpeg(), "image/jpeg");

            if (status == HttpStatusCode.Created)
            {
                Assert.Equal(text, body!["claim"]!["receiptNumber"]!.GetValue<string>());
                Assert.Equal(1, await fixture.Database.QueryScalarAsync<long>(
                    "SELECT count(*) FROM point_claim WHERE merchant_id = $1 AND receipt_number = $2", merchant.Id, text));
            }
            else
            {
                string? code = body?["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
                Assert.True(code is not (null or "" or "INTERNAL"), $"claim receiptNumber = {text}: {body?.ToJsonString()}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(merchant));
    }

    [Fact]
    public async Task Claims_InvalidUtf8Field_RejectedUnchanged()
    {
        var (merchant, _) = await SeededMerchantAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in ClaimFields("unused").Where(pair => pair.Key != "receiptNumber"))
        {
            content.Add(new StringContent(value), name);
        }

        // 0xC3 0x28 starts a two-byte sequence that does not continue, and 0xFF never appears in UTF-8.
        content.Add(new ByteArrayContent([(byte)'R', 0xC3, 0x28, 0xFF]), "receiptNumber");
        var photo = new ByteArrayContent(ReceiptPhotos.Jpeg());
        photo.Headers.ContentType = MediaTypeHeaderValue.Parse("image/jpeg");
        content.Add(photo, "photo", "r.jpg");
        using var request = new HttpRequestMessage(HttpMethod.Post, "claims") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", merchant.ApiKey);

        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"HTTP {(int)response.StatusCode}: {text}");
        Assert.Equal("INVALID_INPUT", JsonNode.Parse(text)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_claim WHERE merchant_id = $1", merchant.Id));
    }

    private static Dictionary<string, string> ClaimFields(string receiptNumber) => new()
    {
        ["phone"] = Member,
        ["receiptNumber"] = receiptNumber,
        ["amount"] = "100.00",
        ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    private async Task SendAndAssertRejectedAsync(TestMerchant merchant, HostileMutation mutation, string field, JsonNode bad)
    {
        var input = mutation.ValidInput(Unique());
        input[field] = bad;

        GraphQLResponse response = await PostAsync(merchant, mutation, input);

        AssertRejected(response, $"{mutation.Name}.{field} = {Shorten(bad.ToJsonString())}");
    }

    private static void AssertRejected(GraphQLResponse response, string context)
    {
        Assert.True(response.Errors.Count > 0, $"{context}: accepted with {Shorten(response.Text)}");
        foreach (string? code in response.ErrorCodes)
        {
            Assert.False(string.IsNullOrEmpty(code), $"{context}: an error without a code in {Shorten(response.Text)}");
            Assert.True(code is not ("INTERNAL" or "UNAVAILABLE"), $"{context}: {Shorten(response.Text)}");
        }
    }

    private Task<GraphQLResponse> PostAsync(TestMerchant merchant, HostileMutation mutation, JsonObject input) =>
        fixture.Client.PostAsync(mutation.Document, new { input }, mutation.OwnerOnly ? merchant.OwnerToken : merchant.ApiKey);

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostRawAsync(byte[] body, string bearer)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLClient.GraphQLResponseMediaType));
        using var response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? json;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            json = null;
        }

        return (response.StatusCode, json);
    }

    /// <summary>
    /// Signs up a merchant with a point value and a registered member with 500 points from receipt
    /// R-SEED, and returns what the tests compare afterwards.
    /// </summary>
    private async Task<(TestMerchant Merchant, Snapshot Before)> SeededMerchantAsync()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync("1.00");
        (await fixture.Client.PostAsync("""
            mutation { setPointValue(input: {pointValue: "1.00"}) { id } }
            """, null, merchant.OwnerToken)).Field("setPointValue");
        (await merchant.CollectAsync(Member, "500.00", SeedReceipt)).Field("collectPoints");
        (await merchant.SendAsync(OtherMember, 10, "seed-other")).Field("sendPoints");
        (await fixture.Client.PostAsync(HostileMutation.Find("registerMember").Document,
            new { input = new { phone = Member, name = "Somchai" } }, merchant.ApiKey)).Field("registerMember");
        return (merchant, await SnapshotAsync(merchant));
    }

    private async Task<Snapshot> SnapshotAsync(TestMerchant merchant) => new(
        await fixture.Database.QueryScalarAsync<long>("SELECT count(*) FROM point_ledger WHERE merchant_id = $1", merchant.Id),
        await fixture.Database.QueryScalarAsync<long>(
            "SELECT coalesce(sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1", merchant.Id),
        await fixture.Database.QueryScalarAsync<long>("SELECT count(*) FROM member WHERE merchant_id = $1", merchant.Id),
        await fixture.Database.QueryScalarAsync<string>(
            "SELECT coalesce(string_agg(phone || ':' || coalesce(name, ''), ',' ORDER BY phone), '') FROM member WHERE merchant_id = $1",
            merchant.Id),
        await fixture.Database.QueryScalarAsync<long>("SELECT count(*) FROM product WHERE merchant_id = $1", merchant.Id));

    private async Task<bool> StoredVerbatimAsync(Guid merchantId, string text) =>
        await fixture.Database.QueryScalarAsync<bool>("""
            SELECT EXISTS (SELECT 1 FROM point_ledger WHERE merchant_id = $1
                           AND (receipt_number = $2 OR reason = $2 OR starts_with(idempotency_key, $2)))
                OR EXISTS (SELECT 1 FROM member WHERE merchant_id = $1 AND name = $2)
                OR EXISTS (SELECT 1 FROM product WHERE merchant_id = $1 AND (sku = $2 OR name = $2 OR category = $2))
            """, merchantId, text);

    /// <summary>Stores a staff token of the merchant's owner that expired a minute ago, and returns its secret.</summary>
    private async Task<string> ExpiredOwnerTokenAsync(TestMerchant merchant)
    {
        string secret = "pst_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        byte[] hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        await fixture.Database.ExecuteAsync("""
            INSERT INTO access_token (secret_hash, staff_id, merchant_id, created_at, expires_at)
            SELECT $1, staff_id, merchant_id, now() - interval '13 hours', now() - interval '1 minute'
            FROM staff_account WHERE merchant_id = $2
            """, hash, merchant.Id);
        return secret;
    }

    /// <summary>Values of the wrong GraphQL type for one field: a number for text, text for numbers, an object and a list for both.</summary>
    private static IEnumerable<JsonNode?> WrongValues(HostileMutation mutation, string field)
    {
        bool textual = !mutation.LongFields.Contains(field) && !mutation.MoneyFields.Contains(field);
        yield return textual ? JsonValue.Create(12345) : JsonValue.Create("twelve");
        yield return new JsonObject { ["value"] = 1 };
        yield return new JsonArray(1, 2);
        yield return JsonValue.Create(true);
        if (mutation.Required.Contains(field))
        {
            yield return null;
        }
    }

    private static byte[] InvalidUtf8(string valid)
    {
        // 0xC3 0x28 starts a two-byte sequence that does not continue, and 0xFF never appears in UTF-8.
        int quote = valid.IndexOf("\"phone\":\"", StringComparison.Ordinal) is var at and >= 0
            ? at + 9
            : valid.IndexOf("\"receiptNumber\":\"", StringComparison.Ordinal) + 17;
        byte[] head = Encoding.UTF8.GetBytes(valid[..quote]);
        byte[] tail = Encoding.UTF8.GetBytes(valid[quote..]);
        return [.. head, 0xC3, 0x28, 0xFF, .. tail];
    }

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record Snapshot(long LedgerRows, long LedgerPoints, long Members, string Profiles, long Products);

    /// <summary>A mutation, a builder of valid input and the kinds of its input fields.</summary>
    private sealed record HostileMutation(
        string Name,
        string InputType,
        Func<string, JsonObject> ValidInput,
        string[] TextFields,
        string[] LongFields,
        string[] MoneyFields,
        string[] Required,
        bool OwnerOnly = false)
    {
        public string Document =>
            $"mutation($input: {InputType}!) {{ {Name}(input: $input) {{ __typename }} }}";

        public static readonly HostileMutation[] All =
        [
            new("collectPoints", "CollectPointsInput", key => new JsonObject
            {
                ["phone"] = Member, ["amount"] = "100.00", ["receiptNumber"] = $"R-{key}", ["idempotencyKey"] = key,
                ["occurredAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            }, ["phone", "receiptNumber", "idempotencyKey", "occurredAt"], [], ["amount"],
                ["phone", "amount", "receiptNumber", "idempotencyKey", "occurredAt"]),
            new("payWithPoints", "PayWithPointsInput", key => new JsonObject
            {
                ["phone"] = Member, ["points"] = 5, ["receiptNumber"] = $"P-{key}", ["idempotencyKey"] = key,
            }, ["phone", "receiptNumber", "idempotencyKey"], ["points"], [], ["phone", "receiptNumber", "idempotencyKey"]),
            new("refundPurchase", "RefundPurchaseInput", key => new JsonObject
            {
                ["receiptNumber"] = SeedReceipt, ["amount"] = "1.00", ["idempotencyKey"] = key,
            }, ["receiptNumber", "idempotencyKey"], [], ["amount"], ["receiptNumber", "amount", "idempotencyKey"]),
            new("voidPurchase", "VoidPurchaseInput", key => new JsonObject
            {
                ["receiptNumber"] = SeedReceipt, ["idempotencyKey"] = key,
            }, ["receiptNumber", "idempotencyKey"], [], [], ["receiptNumber", "idempotencyKey"]),
            new("transferPoints", "TransferPointsInput", key => new JsonObject
            {
                ["fromPhone"] = Member, ["toPhone"] = OtherMember, ["points"] = 5, ["idempotencyKey"] = key,
            }, ["fromPhone", "toPhone", "idempotencyKey"], ["points"], [], ["fromPhone", "toPhone", "points", "idempotencyKey"]),
            new("sendPoints", "AdjustPointsInput", key => new JsonObject
            {
                ["phone"] = Member, ["points"] = 5, ["reason"] = "goodwill", ["idempotencyKey"] = key,
            }, ["phone", "reason", "idempotencyKey"], ["points"], [], ["phone", "points", "reason", "idempotencyKey"], OwnerOnly: true),
            new("pullPoints", "AdjustPointsInput", key => new JsonObject
            {
                ["phone"] = Member, ["points"] = 5, ["reason"] = "correction", ["idempotencyKey"] = key,
            }, ["phone", "reason", "idempotencyKey"], ["points"], [], ["phone", "points", "reason", "idempotencyKey"], OwnerOnly: true),
            new("registerMember", "RegisterMemberInput", _ => new JsonObject
            {
                ["phone"] = Member, ["name"] = "Somchai",
            }, ["phone", "name"], [], [], ["phone", "name"]),
            new("createProduct", "CreateProductInput", key => new JsonObject
            {
                ["sku"] = $"SKU-{key}", ["name"] = "Latte", ["category"] = "Drinks", ["price"] = "65.00",
            }, ["sku", "name", "category"], ["pointsPerUnit"], ["price", "multiplier"], ["sku", "name", "price"], OwnerOnly: true),
        ];

        public static HostileMutation Find(string name) => All.Single(m => m.Name == name);
    }
}
