using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Open live connections lose their events once their credential stops resolving. The host checks
/// before every delivery (an interval of zero), so an entry committed after the revocation can
/// never go out, whatever the timing.
/// </summary>
public sealed class LiveCredentialTests : IAsyncLifetime
{
    private const string LedgerEntries = "subscription { ledgerEntries(afterSequence: 0) { sequence receiptNumber } }";

    private TestDatabase database = null!;
    private ApiHost host = null!;
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("livecredentials");
        host = await ApiHost.StartAsync(database.ConnectionString, $"live-credential-tests-{Guid.NewGuid():N}",
            new Dictionary<string, string?> { ["Live:CredentialCheckInterval"] = "00:00:00" });
        client = new GraphQLClient(host.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (host is not null)
        {
            await host.StopAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task LedgerEntries_KeyRevoked_Closes4403WithoutLaterEntry()
    {
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);
        JsonNode created = (await client.PostAsync(StaffAccess.CreateScopedApiKey,
            new { input = new { name = "Partner to revoke", scope = "partner" } }, merchant.OwnerToken)).Field("createApiKey");
        using var socket = await GraphQLSocket.OpenAsync(host.BaseAddress, created["secret"]!.GetValue<string>());
        await socket.SubscribeAsync("ledger", LedgerEntries);
        Assert.Empty((await merchant.CollectAsync("0812345678", "100.00", "BEFORE-1")).Errors);
        JsonNode before = (await socket.ReceiveAsync())!;
        Assert.Equal("BEFORE-1", before["payload"]!["data"]!["ledgerEntries"]!["receiptNumber"]!.GetValue<string>());

        var revoke = await client.PostAsync(Documents.RevokeApiKey,
            new { id = created["apiKey"]!["id"]!.GetValue<string>() }, merchant.OwnerToken);
        Assert.Empty(revoke.Errors);
        Assert.Empty((await merchant.CollectAsync("0812345678", "100.00", "AFTER-1")).Errors);
        var later = new List<JsonNode>();
        while (await socket.ReceiveAsync() is { } message)
        {
            later.Add(message);
        }

        Assert.Equal(4403, (int?)socket.CloseStatus);
        Assert.Empty(later);
    }

    [Fact]
    public async Task DashboardHub_CashierRemoved_AbortedWithoutLaterEntry()
    {
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);
        var cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/dashboard"),
                options => options.AccessTokenProvider = () => Task.FromResult<string?>(cashier.Token))
            .Build();
        var receipts = new List<string>();
        var before = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement[]>("entries", entries =>
        {
            lock (receipts)
            {
                receipts.AddRange(entries.Select(entry => entry.GetProperty("receiptNumber").GetString()!));
                if (receipts.Contains("BEFORE-1"))
                {
                    before.TrySetResult();
                }
            }
        });
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        Assert.Empty((await merchant.CollectAsync("0812345678", "100.00", "BEFORE-1")).Errors);
        await before.Task.WaitAsync(NodeScript.HangTimeout);

        JsonNode staff = (await client.PostAsync(StaffAccess.Staff, null, merchant.OwnerToken)).Field("staff");
        string staffId = staff.AsArray().Single(member => member!["email"]!.GetValue<string>() == cashier.Email)!["id"]!
            .GetValue<string>();
        Assert.Empty((await client.PostAsync(StaffAccess.RemoveStaff, new { id = staffId }, merchant.OwnerToken)).Errors);
        Assert.Empty((await merchant.CollectAsync("0812345678", "100.00", "AFTER-1")).Errors);
        await closed.Task.WaitAsync(NodeScript.HangTimeout);

        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        lock (receipts)
        {
            Assert.Equal(["BEFORE-1"], receipts);
        }
    }
}
