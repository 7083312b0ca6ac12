using System.Globalization;
using System.Net;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Each role and API key scope against representative operations: an operation is allowed when
/// its response is anything but FORBIDDEN (a NOT_FOUND for a made-up id passed the access check).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RoleMatrixTests(ApiHostFixture fixture) : IDisposable
{
    private const string Phone = "0812345678";

    private static readonly string[] Callers = ["owner", "admin", "cashier", "pos", "partner", "adminKey"];

    private static readonly string[] Everyone = Callers;
    private static readonly string[] Counter = ["owner", "admin", "cashier", "pos", "adminKey"];
    private static readonly string[] Readers = ["owner", "admin", "pos", "partner", "adminKey"];
    private static readonly string[] Adjusters = ["owner", "admin", "cashier", "adminKey"];
    private static readonly string[] Managers = ["owner", "admin", "adminKey"];
    private static readonly string[] OwnerOnly = ["owner"];

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);
    private int sequence;

    public void Dispose() => uploads.Dispose();

    [Fact]
    public async Task EveryRole_RepresentativeOperations_MatchMatrix()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = 10 }, merchant.OwnerToken))
            .Field("setCashierPointsLimit");
        (await merchant.CollectAsync(Phone, "500.00", "R-MATRIX-SEED")).Field("collectPoints");
        var bearers = new Dictionary<string, string>
        {
            ["owner"] = merchant.OwnerToken,
            ["admin"] = (await StaffAccess.AddStaffAsync(merchant, "admin")).Token,
            ["cashier"] = (await StaffAccess.AddStaffAsync(merchant, "cashier")).Token,
            ["pos"] = merchant.ApiKey,
            ["partner"] = await StaffAccess.CreateKeyAsync(merchant, "partner"),
            ["adminKey"] = await StaffAccess.CreateKeyAsync(merchant, "admin"),
        };

        var operations = new (string Name, string[] Allowed, Func<string, Task<string?>> Run)[]
        {
            ("member", Everyone, bearer => GraphQLAsync(Documents.Member, new { phone = Phone }, bearer)),
            ("merchant", Everyone, bearer => GraphQLAsync(StaffAccess.Merchant, null, bearer)),
            ("products", Everyone, bearer => GraphQLAsync("query { products { id } }", null, bearer)),
            ("cashierPointsLimit", Everyone, bearer => GraphQLAsync("query { cashierPointsLimit }", null, bearer)),
            ("pointsSummary", Readers, bearer => GraphQLAsync(Documents.PointsSummary, null, bearer)),
            ("collectPoints", Counter, async bearer => Code(await merchant.CollectAsync(Phone, "25.00", Next("R"), bearer: bearer))),
            ("payWithPoints", Counter, bearer => GraphQLAsync(
                "mutation($input: PayWithPointsInput!) { payWithPoints(input: $input) { replayed } }",
                new { input = new { phone = Phone, points = 1, receiptNumber = Next("P"), idempotencyKey = Next("pay") } }, bearer)),
            ("refundPurchase", Counter, bearer => GraphQLAsync(
                "mutation($input: RefundPurchaseInput!) { refundPurchase(input: $input) { replayed } }",
                new { input = new { receiptNumber = Next("NO-SUCH"), amount = "1.00", idempotencyKey = Next("refund") } }, bearer)),
            ("registerMember", Counter, bearer => GraphQLAsync(
                "mutation($input: RegisterMemberInput!) { registerMember(input: $input) { phone } }",
                new { input = new { phone = Phone, name = "Somchai" } }, bearer)),
            ("POST /claims", Counter, SubmitClaimAsync),
            ("sendPoints", Adjusters, async bearer => Code(await merchant.SendAsync(Phone, 1, Next("send"), bearer))),
            ("setEarnRule", Managers, bearer => GraphQLAsync(Documents.SetEarnRule,
                new { input = new { spendPerPoint = "25.00" } }, bearer)),
            ("createProduct", Managers, bearer => GraphQLAsync(
                "mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }",
                new { input = new { sku = Next("SKU"), name = "Tea", price = "45.00" } }, bearer)),
            ("claims", Managers, bearer => GraphQLAsync("query { claims { id } }", null, bearer)),
            ("importJob", Managers, bearer => GraphQLAsync("query($id: ID!) { importJob(id: $id) { id } }",
                new { id = Guid.NewGuid() }, bearer)),
            ("GET /claims/{id}/photo", Managers, PhotoAsync),
            ("createApiKey", OwnerOnly, bearer => GraphQLAsync(Documents.CreateApiKey,
                new { input = new { name = "Counter 2" } }, bearer)),
            ("apiKeys", OwnerOnly, bearer => GraphQLAsync("query { apiKeys { id } }", null, bearer)),
            ("inviteStaff", OwnerOnly, bearer => GraphQLAsync(StaffAccess.InviteStaff,
                new { input = new { email = $"{Next("invited")}@example.com", role = "cashier" } }, bearer)),
            ("staff", OwnerOnly, bearer => GraphQLAsync(StaffAccess.Staff, null, bearer)),
            ("setCashierPointsLimit", OwnerOnly, bearer => GraphQLAsync(StaffAccess.SetCashierPointsLimit, new { points = 10 }, bearer)),
            ("auditLog", OwnerOnly, bearer => GraphQLAsync("query { auditLog(first: 1) { pageInfo { hasNextPage } } }", null, bearer)),
        };

        var mismatches = new List<string>();
        foreach (var operation in operations)
        {
            foreach (string caller in Callers)
            {
                string? code = await operation.Run(bearers[caller]);
                bool expectAllowed = operation.Allowed.Contains(caller);
                if (code == "UNAUTHENTICATED" || expectAllowed == (code == "FORBIDDEN"))
                {
                    mismatches.Add($"{operation.Name} by {caller}: expected {(expectAllowed ? "allowed" : "FORBIDDEN")}, got {code ?? "success"}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    private string Next(string prefix) => $"{prefix}-{Interlocked.Increment(ref sequence)}";

    private async Task<string?> GraphQLAsync(string document, object? variables, string bearer) =>
        Code(await fixture.Client.PostAsync(document, variables, bearer));

    private static string? Code(GraphQLResponse response) => response.Errors.Count == 0 ? null : response.ErrorCodes[0];

    private async Task<string?> SubmitClaimAsync(string bearer)
    {
        var (status, body) = await uploads.PostFormAsync("claims", bearer, new Dictionary<string, string>
        {
            ["phone"] = Phone,
            ["receiptNumber"] = Next("CLAIM"),
            ["amount"] = "100.00",
            ["purchasedAt"] = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }, "photo", "receipt.png", ReceiptPhotos.Png(), "image/png");
        return status == HttpStatusCode.Created ? null : body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
    }

    private async Task<string?> PhotoAsync(string bearer)
    {
        var (status, _, _) = await uploads.GetAsync($"claims/{Guid.NewGuid()}/photo", bearer);
        return status switch
        {
            HttpStatusCode.Forbidden => "FORBIDDEN",
            HttpStatusCode.NotFound => "NOT_FOUND",
            _ => status.ToString(),
        };
    }
}
