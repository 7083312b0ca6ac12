using System.Net;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuditLogTests(ApiHostFixture fixture) : IDisposable
{
    private const string Phone = "0812345678";

    private const string AuditLog = """
        query Audit($first: Int, $after: String) {
          auditLog(first: $first, after: $after) {
            edges { cursor node { actorKind actorId role action target details remoteAddress occurredAt } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);

    public void Dispose() => uploads.Dispose();

    [Fact]
    public async Task AuditLog_KeyAndStaffChanges_NewestFirst()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession admin = await StaffAccess.AddStaffAsync(merchant, "admin");
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        (await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = 20 }, merchant.OwnerToken))
            .Field("setCashierPointsLimit");

        (await merchant.CollectAsync(Phone, "250.00", "R-AUDIT")).Field("collectPoints");
        (await fixture.Client.PostAsync(Documents.SetEarnRule, new { input = new { spendPerPoint = "20.00" } }, admin.Token))
            .Field("setEarnRule");
        (await merchant.SendAsync(Phone, 20, "audit-send", cashier.Token)).Field("sendPoints");
        GraphQLResponse refused = await merchant.SendAsync(Phone, 21, "audit-send-refused", cashier.Token);
        JsonNode page = (await fixture.Client.PostAsync(AuditLog, new { first = 4 }, merchant.OwnerToken)).Field("auditLog");
        var nodes = page["edges"]!.AsArray().Select(edge => edge!["node"]!).ToList();

        Assert.Equal("FORBIDDEN", refused.SingleErrorCode());
        Assert.Equal(["sendPoints", "setEarnRule", "collectPoints", "setCashierPointsLimit"],
            nodes.Select(node => node["action"]!.GetValue<string>()).ToArray());
        Assert.Equal(["cashier", "admin", "pos", "owner"], nodes.Select(node => node["role"]!.GetValue<string>()).ToArray());
        Assert.Equal(["staff", "staff", "api-key", "staff"], nodes.Select(node => node["actorKind"]!.GetValue<string>()).ToArray());
        Assert.All(nodes, node => Assert.Equal("127.0.0.1", node["remoteAddress"]!.GetValue<string>()));
        Assert.Equal(merchant.ApiKeyId, nodes[2]["actorId"]!.GetValue<string>());
        Assert.Equal(Phone, nodes[0]["target"]!.GetValue<string>());
        Assert.Equal(Phone, nodes[2]["target"]!.GetValue<string>());

        JsonNode sendDetails = JsonNode.Parse(nodes[0]["details"]!.GetValue<string>())!;
        Assert.Equal(20, sendDetails["input"]!["points"]!.GetValue<long>());
        Assert.Equal("audit-send", sendDetails["input"]!["idempotencyKey"]!.GetValue<string>());
        JsonNode collectDetails = JsonNode.Parse(nodes[2]["details"]!.GetValue<string>())!;
        Assert.Equal("R-AUDIT", collectDetails["input"]!["receiptNumber"]!.GetValue<string>());
        Assert.True(page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AuditLog_Pages_CoverEveryEntryOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        for (int i = 1; i <= 5; i++)
        {
            (await merchant.CollectAsync(Phone, "25.00", $"R-PAGE-{i}")).Field("collectPoints");
        }

        var receipts = new List<string>();
        string? after = null;
        int pages = 0;
        bool hasNextPage = true;
        while (hasNextPage)
        {
            JsonNode page = (await fixture.Client.PostAsync(AuditLog, new { first = 2, after }, merchant.OwnerToken)).Field("auditLog");
            receipts.AddRange(page["edges"]!.AsArray()
                .Select(edge => edge!["node"]!)
                .Where(node => node["action"]!.GetValue<string>() == "collectPoints")
                .Select(node => JsonNode.Parse(node["details"]!.GetValue<string>())!["input"]!["receiptNumber"]!.GetValue<string>()));
            hasNextPage = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>();
            after = page["pageInfo"]!["endCursor"]?.GetValue<string>();
            pages++;
        }

        // Sign-up's setEarnRule and createApiKey by the owner come before the five purchases.
        Assert.Equal(["R-PAGE-5", "R-PAGE-4", "R-PAGE-3", "R-PAGE-2", "R-PAGE-1"], receipts.ToArray());
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task AuditLog_PasswordInDocument_NotStored()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        JsonNode invited = (await fixture.Client.PostAsync(StaffAccess.InviteStaff,
            new { input = new { email = $"admin-{Guid.NewGuid():N}@example.com", role = "admin" } }, merchant.OwnerToken))
            .Field("inviteStaff");
        string invitationToken = invited["token"]!.GetValue<string>();
        const string password = "a password nobody may read";

        // The owner's token makes the caller known before acceptInvitation runs, so it is audited.
        GraphQLResponse response = await fixture.Client.PostAsync("""
            mutation($input: AcceptInvitationInput!) {
              setCashierPointsLimit(points: 5)
              acceptInvitation(input: $input) { role }
            }
            """, new { input = new { token = invitationToken, password } }, merchant.OwnerToken);
        JsonNode page = (await fixture.Client.PostAsync(AuditLog, new { first = 3 }, merchant.OwnerToken)).Field("auditLog");

        Assert.Equal("admin", response.Field("acceptInvitation")["role"]!.GetValue<string>());
        string log = page.ToJsonString();
        Assert.Contains("acceptInvitation", log);
        Assert.Contains("inviteStaff", log);
        Assert.DoesNotContain(password, log);
        Assert.DoesNotContain(invitationToken, log);
    }

    [Fact]
    public async Task AuditLog_ImportUpload_Recorded()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession admin = await StaffAccess.AddStaffAsync(merchant, "admin");

        var (status, body) = await uploads.PostFormAsync("imports", admin.Token,
            new Dictionary<string, string> { ["kind"] = "POINTS" }, "file", "opening.csv",
            "phone,points,reason\n0812345678,5,opening balance\n"u8.ToArray(), "text/csv");
        JsonNode node = (await fixture.Client.PostAsync(AuditLog, new { first = 1 }, merchant.OwnerToken))
            .Field("auditLog")["edges"]![0]!["node"]!;

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal("importFile", node["action"]!.GetValue<string>());
        Assert.Equal("admin", node["role"]!.GetValue<string>());
        Assert.Equal(body!["importJob"]!["id"]!.GetValue<string>(), node["target"]!.GetValue<string>());
        Assert.Equal("opening.csv", JsonNode.Parse(node["details"]!.GetValue<string>())!["fileName"]!.GetValue<string>());
    }
}
