using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ClaimsTests(ApiHostFixture fixture) : IDisposable
{
    private const string Phone = "0971112222";
    private const string E164 = "+66971112222";

    private const string ClaimFields = "id phone receiptNumber amount status points entryId rejectionReason photoUrl photoType";

    private const string PendingClaims = $$"""
        query Claims { claims { {{ClaimFields}} } }
        """;

    private const string ApproveClaim = $$"""
        mutation Approve($id: ID!) { approveClaim(id: $id) { {{ClaimFields}} } }
        """;

    private const string RejectClaim = $$"""
        mutation Reject($input: RejectClaimInput!) { rejectClaim(input: $input) { {{ClaimFields}} } }
        """;

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);

    public void Dispose() => uploads.Dispose();

    private Task<(HttpStatusCode Status, JsonNode? Body)> SubmitAsync(
        string bearer, string receiptNumber, byte[] photo, string amount = "310.00") =>
        uploads.PostFormAsync("claims", bearer, new Dictionary<string, string>
        {
            ["phone"] = Phone,
            ["receiptNumber"] = receiptNumber,
            ["amount"] = amount,
            ["purchasedAt"] = TestMerchant.HourAgo().AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }, "photo", "receipt.jpg", photo, "image/jpeg");

    private static string Code(JsonNode? body) => body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task MemberPageClaim_NoCredentials_AwardedOnApproval()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        var fields = new Dictionary<string, string>
        {
            ["phone"] = "097-111-2222",
            ["receiptNumber"] = "R-MEMBER-PAGE",
            ["amount"] = "260.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        var (status, body) = await uploads.PostFormAsync(
            $"merchants/{merchant.Id}/claims", null, fields, "photo", "receipt.png", ReceiptPhotos.Png(2_000), "image/png");
        string id = body!["claim"]!["id"]!.GetValue<string>();
        bool ledgerEmptyBeforeApproval = (await fixture.Database.ReadLedgerAsync(merchant.Id, E164)).Count == 0;
        JsonNode approved = (await fixture.Client.PostAsync(ApproveClaim, new { id }, merchant.OwnerToken)).Field("approveClaim");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("PENDING", body["claim"]!["status"]!.GetValue<string>());
        Assert.True(ledgerEmptyBeforeApproval, "A claim from the member page awarded points before approval.");
        Assert.Equal("APPROVED", approved["status"]!.GetValue<string>());
        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal(TestMerchant.ExpectedPoints(260.00m, 25.00m), row.Points);
        Assert.Equal("R-MEMBER-PAGE", row.ReceiptNumber);
    }

    [Fact]
    public async Task MemberPageClaim_EarnedReceipt_HidesPointsAndTime()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        (await merchant.CollectAsync(Phone, "1250.00", "R-EARNED-PAGE")).Field("collectPoints");
        var fields = new Dictionary<string, string>
        {
            ["phone"] = "097-111-3333",
            ["receiptNumber"] = "R-EARNED-PAGE",
            ["amount"] = "1250.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        var (status, body) = await uploads.PostFormAsync(
            $"merchants/{merchant.Id}/claims", null, fields, "photo", "receipt.png", ReceiptPhotos.Png(2_000), "image/png");

        Assert.NotEqual(HttpStatusCode.Created, status);
        Assert.Equal("DUPLICATE_RECEIPT", Code(body));
        string message = body!["errors"]![0]!["message"]!.GetValue<string>();
        Assert.DoesNotContain("50", message);
        Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture), message);
    }

    [Fact]
    public async Task MemberPageClaim_UnknownMerchant_Returns404()
    {
        var fields = new Dictionary<string, string>
        {
            ["phone"] = Phone,
            ["receiptNumber"] = "R-NOBODY",
            ["amount"] = "10.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };

        var (status, body) = await uploads.PostFormAsync(
            $"merchants/{Guid.NewGuid()}/claims", null, fields, "photo", "receipt.png", ReceiptPhotos.Png(2_000), "image/png");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", Code(body));
    }

    [Fact]
    public async Task SubmitThenApprove_AwardsOnceThroughEarnRule()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "25.00");
        byte[] photo = ReceiptPhotos.Jpeg(40_000);
        long expected = TestMerchant.ExpectedPoints(310.00m, 25.00m);

        var (status, body) = await SubmitAsync(merchant.ApiKey, "R-CL-1", photo);
        string id = body!["claim"]!["id"]!.GetValue<string>();
        JsonNode pending = Assert.Single((await fixture.Client.PostAsync(PendingClaims, null, merchant.OwnerToken))
            .Field("claims").AsArray())!;
        GraphQLResponse[] approvals = await Task.WhenAll(
            fixture.Client.PostAsync(ApproveClaim, new { id }, merchant.OwnerToken),
            fixture.Client.PostAsync(ApproveClaim, new { id }, merchant.OwnerToken));
        var photoDownload = await uploads.GetAsync(pending["photoUrl"]!.GetValue<string>().TrimStart('/'), merchant.OwnerToken);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("PENDING", body["claim"]!["status"]!.GetValue<string>());
        Assert.Equal(E164, body["claim"]!["phone"]!.GetValue<string>());
        Assert.Equal(id, pending["id"]!.GetValue<string>());
        Assert.Equal("image/jpeg", pending["photoType"]!.GetValue<string>());
        Assert.Equal(12, expected);
        foreach (GraphQLResponse approval in approvals)
        {
            JsonNode claim = approval.Field("approveClaim");
            Assert.Equal("APPROVED", claim["status"]!.GetValue<string>());
            Assert.Equal(expected, claim["points"]!.GetValue<long>());
        }

        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal("EARN", row.Kind);
        Assert.Equal(expected, row.Points);
        Assert.Equal(310.00m, row.Amount);
        Assert.Equal("R-CL-1", row.ReceiptNumber);
        Assert.Equal(row.EntryId.ToString(CultureInfo.InvariantCulture), approvals[0].Field("approveClaim")["entryId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, photoDownload.Status);
        Assert.Equal("image/jpeg", photoDownload.ContentType);
        Assert.Equal(photo, photoDownload.Body);
        Assert.Empty((await fixture.Client.PostAsync(PendingClaims, null, merchant.OwnerToken)).Field("claims").AsArray());
    }

    [Fact]
    public async Task Submit_SameReceiptTwice_ReturnsDuplicateReceipt()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(merchant.ApiKey, "R-CL-2", ReceiptPhotos.Png())).Status);

        var (status, body) = await SubmitAsync(merchant.OwnerToken, "R-CL-2", ReceiptPhotos.WebP());

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("DUPLICATE_RECEIPT", Code(body));
    }

    [Fact]
    public async Task Submit_NotAnImage_ReturnsInvalidPhoto()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        var (status, body) = await SubmitAsync(merchant.ApiKey, "R-CL-3", ReceiptPhotos.Pdf());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_PHOTO", Code(body));
        Assert.Equal(0L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_claim WHERE merchant_id = $1", merchant.Id));
    }

    [Fact]
    public async Task Submit_PhotoOverFiveMebibytes_ReturnsPhotoTooLarge()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        var (status, body) = await SubmitAsync(merchant.ApiKey, "R-CL-4", ReceiptPhotos.Jpeg((5 * 1024 * 1024) + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("PHOTO_TOO_LARGE", Code(body));
        Assert.Equal(0L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_claim WHERE merchant_id = $1", merchant.Id));
    }

    [Fact]
    public async Task RejectClaim_WithReason_EarnsNothing()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var (_, body) = await SubmitAsync(merchant.ApiKey, "R-CL-5", ReceiptPhotos.Heic());
        string id = body!["claim"]!["id"]!.GetValue<string>();

        JsonNode rejected = (await fixture.Client.PostAsync(RejectClaim,
            new { input = new { id, reason = "ยอดเงินไม่ตรงกับใบเสร็จ" } }, merchant.OwnerToken)).Field("rejectClaim");
        GraphQLResponse approve = await fixture.Client.PostAsync(ApproveClaim, new { id }, merchant.OwnerToken);

        Assert.Equal("REJECTED", rejected["status"]!.GetValue<string>());
        Assert.Equal("ยอดเงินไม่ตรงกับใบเสร็จ", rejected["rejectionReason"]!.GetValue<string>());
        Assert.Equal("CLAIM_ALREADY_DECIDED", approve.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task Submit_InvalidBearer_ReturnsUnauthenticated()
    {
        var (status, body) = await SubmitAsync("psk_not-a-key", "R-CL-6", ReceiptPhotos.Jpeg());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", Code(body));
    }

    [Fact]
    public async Task Claims_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(PendingClaims, null, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }
}
