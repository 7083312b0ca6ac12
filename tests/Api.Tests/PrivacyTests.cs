using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>A member's rights under Thailand's PDPA, and how credentials are stored.</summary>
[Collection(ApiCollection.Name)]
public sealed class PrivacyTests(ApiHostFixture fixture) : IDisposable
{
    private const string Phone = "0861234567";
    private const string E164 = "+66861234567";
    private const string Friend = "0867654321";
    private const string Name = "สมหญิง รักดี";

    private const string Export = """
        query Export($phone: String!) {
          memberDataExport(phone: $phone) {
            member { phone name birthDate gender balance }
            entries { kind points balanceAfter receiptNumber reason }
            claims { receiptNumber photoType }
            labels
          }
        }
        """;

    private const string Erase = """
        mutation Erase($input: EraseMemberInput!) { eraseMember(input: $input) { pseudonym entriesKept claimPhotosDeleted } }
        """;

    private const string CreateCampaign = """
        mutation Create($input: CreateCouponCampaignInput!) { createCouponCampaign(input: $input) { id } }
        """;

    private const string IssueCoupons = """
        mutation Issue($input: IssueCouponsInput!) { issueCoupons(input: $input) { outcomes { coupon { code } } } }
        """;

    private const string ApplyCoupons = """
        mutation Apply($input: ApplyCouponsInput!) { applyCoupons(input: $input) { total } }
        """;

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);

    public void Dispose() => uploads.Dispose();

    [Fact]
    public async Task EraseMember_KeepsLedger_FreesPhone()
    {
        TestMerchant merchant = await SeededMerchantAsync();
        PointsSummaryView summaryBefore = await merchant.SummaryAsync();
        string ledgerBefore = await LedgerShapeAsync(merchant.Id);
        await fixture.Database.ExecuteAsync(
            "INSERT INTO member_snapshot (merchant_id, phone, seq, balance, format, state) VALUES ($1, $2, 3, 0, 2, '{}')",
            merchant.Id, E164);
        await fixture.Database.ExecuteAsync(
            "INSERT INTO referral_code (merchant_id, phone, code) VALUES ($1, $2, 'ERASEME1')", merchant.Id, E164);

        JsonNode erased = (await fixture.Client.PostAsync(Erase, new { input = new { phone = Phone } }, merchant.OwnerToken))
            .Field("eraseMember");
        string pseudonym = erased["pseudonym"]!.GetValue<string>();
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM member_snapshot WHERE merchant_id = $1", merchant.Id));
        Assert.Equal(0, await CountAsync("""
            SELECT count(*) FROM audit_log WHERE merchant_id = $1
              AND (target IN ($2, $3) OR strpos(details::text, $2) > 0 OR strpos(details::text, $3) > 0)
            """, merchant.Id, E164, Phone));
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM audit_log WHERE merchant_id = $1 AND action = 'eraseMember' AND target = $2", merchant.Id, pseudonym));
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM referral_code WHERE merchant_id = $1 AND phone = $2 AND code = 'ERASEME1'", merchant.Id, pseudonym));

        Assert.Matches("^erased-[0-9a-f]{32}$", pseudonym);
        Assert.Equal(3, erased["entriesKept"]!.GetValue<long>());
        Assert.Equal(1, erased["claimPhotosDeleted"]!.GetValue<int>());
        Assert.Equal(summaryBefore, await merchant.SummaryAsync());
        Assert.Equal(ledgerBefore, await LedgerShapeAsync(merchant.Id));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND phone = $2", merchant.Id, E164));
        Assert.Equal(3, await CountAsync("SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND phone = $2", merchant.Id, pseudonym));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND strpos(reason, $2) > 0", merchant.Id, E164));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM member WHERE merchant_id = $1 AND (phone = $2 OR name = $3)", merchant.Id, E164, Name));
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM member WHERE merchant_id = $1 AND phone = $2 AND name IS NULL AND birth_date IS NULL AND gender IS NULL",
            merchant.Id, pseudonym));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM point_claim WHERE merchant_id = $1 AND (phone = $2 OR photo IS NOT NULL)", merchant.Id, E164));

        // The phone number is a stranger now, and signs up again as a new member.
        Assert.Null(await merchant.MemberAsync(Phone));
        JsonNode again = (await merchant.CollectAsync(Phone, "40.00", "R-AGAIN")).Field("collectPoints");
        Assert.Equal(4, again["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(4, again["member"]!["balance"]!.GetValue<long>());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND phone = $2 AND seq = 1", merchant.Id, E164));
        JsonNode export = (await fixture.Client.PostAsync(Export, new { phone = Phone }, merchant.OwnerToken)).Field("memberDataExport");
        Assert.Single(export["entries"]!.AsArray());
        Assert.Empty(export["claims"]!.AsArray());
        Assert.Null(export["member"]!["name"]);

        // The erased member's purchase can no longer be refunded or voided.
        GraphQLResponse refund = await fixture.Client.PostAsync(
            "mutation { refundPurchase(input: {receiptNumber: \"R-1\", amount: \"10.00\", idempotencyKey: \"refund-erased\"}) { replayed } }",
            null, merchant.ApiKey);
        Assert.Equal("MEMBER_NOT_FOUND", refund.SingleErrorCode());
    }

    [Fact]
    public async Task EraseMember_CouponsStopWorking()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        await merchant.CollectAsync(Phone, "100.00", "R-1");
        string campaignId = (await fixture.Client.PostAsync(CreateCampaign, new
        {
            input = new
            {
                name = "Songkran", kind = "PROMOTION", discountKind = "AMOUNT", discountAmount = "40.00", stock = 10,
                perMemberLimit = 1, validFrom = "2026-01-01", validThrough = "2035-12-31",
            },
        }, merchant.OwnerToken)).Field("createCouponCampaign")["id"]!.GetValue<string>();
        string code = (await fixture.Client.PostAsync(IssueCoupons,
            new { input = new { campaignId, phones = new[] { Phone }, occasionKey = "x" } }, merchant.OwnerToken))
            .Field("issueCoupons")["outcomes"]![0]!["coupon"]!["code"]!.GetValue<string>();

        // A failing checkout activates the coupon's grain, which then stores the owner's phone number in memory.
        GraphQLResponse before = await fixture.Client.PostAsync(ApplyCoupons,
            new { input = ApplyInput(Phone, [code, "NOSUCHCODE"], "c-1") }, merchant.ApiKey);
        Assert.Equal("COUPON_NOT_FOUND", before.SingleErrorCode());
        (await fixture.Client.PostAsync(Erase, new { input = new { phone = Phone } }, merchant.OwnerToken)).Field("eraseMember");
        (await merchant.CollectAsync(Phone, "40.00", "R-AGAIN")).Field("collectPoints");

        GraphQLResponse samePhone = await fixture.Client.PostAsync(ApplyCoupons,
            new { input = ApplyInput(Phone, [code], "c-2") }, merchant.ApiKey);
        GraphQLResponse noPhone = await fixture.Client.PostAsync(ApplyCoupons,
            new { input = ApplyInput(null, [code], "c-3") }, merchant.ApiKey);
        GraphQLResponse otherPhone = await fixture.Client.PostAsync(ApplyCoupons,
            new { input = ApplyInput(Friend, [code], "c-4") }, merchant.ApiKey);

        foreach (GraphQLResponse response in new[] { samePhone, noPhone, otherPhone })
        {
            Assert.Equal("COUPON_NOT_FOUND", response.SingleErrorCode());
            string message = response.Errors[0]["message"]!.GetValue<string>();
            Assert.Contains("erased", message);
            Assert.DoesNotContain("erased-", message);
        }
    }

    [Fact]
    public async Task MemberDataExport_ListsProfileLedgerClaims()
    {
        TestMerchant merchant = await SeededMerchantAsync();

        JsonNode export = (await fixture.Client.PostAsync(Export, new { phone = Phone }, merchant.OwnerToken)).Field("memberDataExport");

        Assert.Equal(E164, export["member"]!["phone"]!.GetValue<string>());
        Assert.Equal(Name, export["member"]!["name"]!.GetValue<string>());
        Assert.Equal("1991-02-03", export["member"]!["birthDate"]!.GetValue<string>());
        Assert.Equal("FEMALE", export["member"]!["gender"]!.GetValue<string>());
        var kinds = export["entries"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(["EARN", "EARN", "TRANSFER_OUT"], kinds);
        long balance = export["member"]!["balance"]!.GetValue<long>();
        Assert.Equal(export["entries"]!.AsArray().Sum(e => e!["points"]!.GetValue<long>()), balance);
        Assert.Equal("R-CLAIM", export["claims"]![0]!["receiptNumber"]!.GetValue<string>());
        Assert.Empty(export["labels"]!.AsArray());
    }

    [Fact]
    public async Task Privacy_ApiKeyOrUnknownPhone_Rejected()
    {
        TestMerchant merchant = await SeededMerchantAsync();

        GraphQLResponse exportWithKey = await fixture.Client.PostAsync(Export, new { phone = Phone }, merchant.ApiKey);
        GraphQLResponse eraseWithKey = await fixture.Client.PostAsync(Erase, new { input = new { phone = Phone } }, merchant.ApiKey);
        GraphQLResponse eraseUnknown = await fixture.Client.PostAsync(Erase, new { input = new { phone = "0899999999" } }, merchant.OwnerToken);
        GraphQLResponse eraseBadPhone = await fixture.Client.PostAsync(Erase, new { input = new { phone = "12345" } }, merchant.OwnerToken);
        TestMerchant other = await fixture.NewMerchantAsync();
        GraphQLResponse eraseOtherMerchant = await fixture.Client.PostAsync(Erase, new { input = new { phone = Phone } }, other.OwnerToken);

        Assert.Equal("FORBIDDEN", exportWithKey.SingleErrorCode());
        Assert.Equal("FORBIDDEN", eraseWithKey.SingleErrorCode());
        Assert.Equal("MEMBER_NOT_FOUND", eraseUnknown.SingleErrorCode());
        Assert.Equal("INVALID_PHONE", eraseBadPhone.SingleErrorCode());
        Assert.Equal("MEMBER_NOT_FOUND", eraseOtherMerchant.SingleErrorCode());
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM member WHERE merchant_id = $1 AND phone = $2 AND name = $3", merchant.Id, E164, Name));
    }

    [Fact]
    public async Task Credentials_StoredOnlyAsHashes()
    {
        string email = $"hash-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";
        JsonNode signUp = (await fixture.Client.PostAsync(Documents.SignUpMerchant,
            new { input = new { name = "Hash Cafe", ownerEmail = email, password } })).Field("signUpMerchant");
        string token = signUp["token"]!.GetValue<string>();
        var merchantId = Guid.Parse(signUp["merchant"]!["id"]!.GetValue<string>());
        JsonNode key = (await fixture.Client.PostAsync(Documents.CreateApiKey, new { input = new { name = "Till" } }, token))
            .Field("createApiKey");
        string secret = key["secret"]!.GetValue<string>();

        string passwordHash = await fixture.Database.QueryScalarAsync<string>(
            "SELECT password_hash FROM staff_account WHERE merchant_id = $1", merchantId);
        byte[] keyHash = await fixture.Database.QueryScalarAsync<byte[]>(
            "SELECT secret_hash FROM api_key WHERE merchant_id = $1", merchantId);
        byte[] tokenHash = await fixture.Database.QueryScalarAsync<byte[]>(
            "SELECT secret_hash FROM access_token WHERE merchant_id = $1", merchantId);

        // ASP.NET Core Identity's format 3 (PBKDF2) starts with the byte 0x01, "AQAAAA" in base64.
        Assert.StartsWith("AQAAAA", passwordHash, StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), keyHash);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), tokenHash);
        foreach (string plain in new[] { password, secret, token })
        {
            Assert.Equal(0, await CountAsync("""
                SELECT count(*) FROM (
                    SELECT t::text AS row FROM staff_account t
                    UNION ALL SELECT t::text FROM api_key t
                    UNION ALL SELECT t::text FROM access_token t
                    UNION ALL SELECT encode(payload_binary, 'escape') FROM orleans_grain_state t) stored
                WHERE strpos(row, $1) > 0
                """, plain));
        }
    }

    [Fact]
    public async Task Ledger_DuringErasure_StillAppendOnly()
    {
        TestMerchant merchant = await SeededMerchantAsync();
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var enable = new Npgsql.NpgsqlCommand("SELECT set_config('pointspot.erasure', 'on', true)", connection))
        {
            await enable.ExecuteNonQueryAsync();
        }

        // Even inside an erasure, points, amounts and real phone numbers cannot be rewritten.
        foreach (string change in new[] { "points = points + 1", "phone = '+66899999999'", "amount = 0" })
        {
            await using var savepoint = new Npgsql.NpgsqlCommand("SAVEPOINT attempt", connection);
            await savepoint.ExecuteNonQueryAsync();
            await using var update = new Npgsql.NpgsqlCommand(
                $"UPDATE point_ledger SET {change} WHERE merchant_id = $1", connection);
            update.Parameters.Add(new Npgsql.NpgsqlParameter { Value = merchant.Id });

            var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => update.ExecuteNonQueryAsync());

            Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
            await using var rollback = new Npgsql.NpgsqlCommand("ROLLBACK TO SAVEPOINT attempt", connection);
            await rollback.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Signs up a merchant where the member registered with a profile, earned twice, sent points
    /// to a friend and sent a claim with a photo.
    /// </summary>
    private static object ApplyInput(string? phone, string[] codes, string idempotencyKey) =>
        new { phone, amount = "100.00", codes, receiptNumber = $"R-{idempotencyKey}", idempotencyKey };

    private async Task<TestMerchant> SeededMerchantAsync()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync("10.00");
        (await fixture.Client.PostAsync("""
            mutation($input: RegisterMemberInput!) { registerMember(input: $input) { phone } }
            """, new { input = new { phone = Phone, name = Name, birthDate = "1991-02-03", gender = "FEMALE" } },
            merchant.ApiKey)).Field("registerMember");
        (await merchant.CollectAsync(Phone, "100.00", "R-1")).Field("collectPoints");
        (await merchant.CollectAsync(Phone, "55.00", "R-2")).Field("collectPoints");
        (await fixture.Client.PostAsync("""
            mutation($input: TransferPointsInput!) { transferPoints(input: $input) { status } }
            """, new { input = new { fromPhone = Phone, toPhone = Friend, points = 3, idempotencyKey = "gift-1" } },
            merchant.ApiKey)).Field("transferPoints");
        var (status, _) = await uploads.PostFormAsync("claims", merchant.ApiKey, new Dictionary<string, string>
        {
            ["phone"] = Phone,
            ["receiptNumber"] = "R-CLAIM",
            ["amount"] = "80.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }, "photo", "receipt.jpg", ReceiptPhotos.Jpeg(), "image/jpeg");
        Assert.Equal(HttpStatusCode.Created, status);
        return merchant;
    }

    /// <summary>The merchant's ledger without phone numbers and reasons: what an erasure must not change.</summary>
    private Task<string> LedgerShapeAsync(Guid merchantId) => fixture.Database.QueryScalarAsync<string>("""
        SELECT string_agg(concat_ws(':', entry_id, seq, kind, points, balance_after, lifetime_after, amount,
                                    receipt_number, idempotency_key, expires_at, reverses_entry_id), ',' ORDER BY entry_id)
        FROM point_ledger WHERE merchant_id = $1
        """, merchantId);

    private Task<long> CountAsync(string sql, params object[] parameters) => fixture.Database.QueryScalarAsync<long>(sql, parameters);
}
