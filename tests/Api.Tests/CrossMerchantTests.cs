using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Ids of another merchant's claims, import jobs, products, API keys and staff get the response of
/// an id that does not exist, so a caller learns nothing about other merchants.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class CrossMerchantTests(ApiHostFixture fixture) : IDisposable
{
    private const string Phone = "0812345678";

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);

    public void Dispose() => uploads.Dispose();

    [Fact]
    public async Task OtherMerchantsIds_EveryKind_AnsweredAsUnknown()
    {
        TestMerchant shop = await fixture.NewMerchantAsync();
        TestMerchant other = await fixture.NewMerchantAsync();
        string claimId = await SubmitClaimAsync(shop);
        string importId = await StartImportAsync(shop);
        string productId = (await fixture.Client.PostAsync(
            "mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }",
            new { input = new { sku = "TEA-01", name = "Tea", price = "45.00" } }, shop.OwnerToken))
            .Field("createProduct")["id"]!.GetValue<string>();
        await StaffAccess.AddStaffAsync(shop, "cashier");
        string staffId = (await fixture.Client.PostAsync(StaffAccess.Staff, null, shop.OwnerToken))
            .Field("staff")[1]!["id"]!.GetValue<string>();
        string unknownId = Guid.NewGuid().ToString();

        var operations = new (string Name, Func<string, Task<string>> Run)[]
        {
            ("claim", id => AnswerAsync("query($id: ID!) { claim(id: $id) { id } }", new { id })),
            ("approveClaim", id => AnswerAsync("mutation($id: ID!) { approveClaim(id: $id) { id } }", new { id })),
            ("rejectClaim", id => AnswerAsync("mutation($input: RejectClaimInput!) { rejectClaim(input: $input) { id } }",
                new { input = new { id, reason = "blurred" } })),
            ("importJob", id => AnswerAsync("query($id: ID!) { importJob(id: $id) { id } }", new { id })),
            ("updateProduct", id => AnswerAsync("mutation($input: UpdateProductInput!) { updateProduct(input: $input) { id } }",
                new { input = new { id, sku = "TEA-01", name = "Tea", price = "45.00", active = true } })),
            ("revokeApiKey", id => AnswerAsync(Documents.RevokeApiKey, new { id })),
            ("removeStaff", id => AnswerAsync(StaffAccess.RemoveStaff, new { id })),
            ("GET /claims/{id}/photo", async id => (await uploads.GetAsync($"claims/{id}/photo", other.OwnerToken)).Status.ToString()),
        };
        var ownIds = new Dictionary<string, string>
        {
            ["claim"] = claimId,
            ["approveClaim"] = claimId,
            ["rejectClaim"] = claimId,
            ["importJob"] = importId,
            ["updateProduct"] = productId,
            ["revokeApiKey"] = shop.ApiKeyId,
            ["removeStaff"] = staffId,
            ["GET /claims/{id}/photo"] = claimId,
        };

        foreach (var (name, run) in operations)
        {
            string foreign = (await run(ownIds[name])).Replace(ownIds[name], "<id>", StringComparison.Ordinal);
            string unknown = (await run(unknownId)).Replace(unknownId, "<id>", StringComparison.Ordinal);
            Assert.True(foreign == unknown, $"{name}: another merchant's id answered {foreign}, an unknown id {unknown}");
        }

        string pendingStatus = (await fixture.Client.PostAsync("query($id: ID!) { claim(id: $id) { status } }",
            new { id = claimId }, shop.OwnerToken)).Field("claim")["status"]!.GetValue<string>();
        Assert.Equal("PENDING", pendingStatus);
        Assert.Empty((await fixture.Client.PostAsync(Documents.Member, new { phone = Phone }, shop.ApiKey)).Errors);

        async Task<string> AnswerAsync(string document, object variables)
        {
            GraphQLResponse response = await fixture.Client.PostAsync(document, variables, other.OwnerToken);
            return response.Errors.Count == 0
                ? $"data {response.Data?.ToJsonString()}"
                : $"{response.ErrorCodes[0]}: {response.Errors[0]["message"]}";
        }
    }

    private async Task<string> SubmitClaimAsync(TestMerchant merchant)
    {
        var (status, body) = await uploads.PostFormAsync("claims", merchant.ApiKey, new Dictionary<string, string>
        {
            ["phone"] = Phone,
            ["receiptNumber"] = "R-CROSS",
            ["amount"] = "100.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }, "photo", "receipt.png", ReceiptPhotos.Png(), "image/png");
        Assert.Equal(HttpStatusCode.Created, status);
        return body!["claim"]!["id"]!.GetValue<string>();
    }

    private async Task<string> StartImportAsync(TestMerchant merchant)
    {
        var (status, body) = await uploads.PostFormAsync("imports", merchant.OwnerToken,
            new Dictionary<string, string> { ["kind"] = "POINTS" }, "file", "points.csv",
            "phone,points,reason\n0899999999,5,opening balance\n"u8.ToArray(), "text/csv");
        Assert.Equal(HttpStatusCode.Accepted, status);
        JsonNode job = body!["importJob"]!;
        return job["id"]!.GetValue<string>();
    }
}
