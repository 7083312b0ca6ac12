using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// The dashboard hub through its three clients: the .NET SignalR client, the npm
/// @microsoft/signalr client, and the /dashboard page in headless Chromium.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DashboardTests(ApiHostFixture fixture)
{
    private Uri HubUrl => new(fixture.Host.BaseAddress, "hubs/dashboard");

    [Fact]
    public async Task DotNetClient_PurchaseAfterSnapshot_ReceivesEntry()
    {
        var merchant = await fixture.NewMerchantAsync();
        await using var connection = Connect(merchant.OwnerToken);
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement[]>("entries", entries =>
        {
            foreach (var entry in entries.Where(e => e.GetProperty("receiptNumber").GetString() == "D-2"))
            {
                received.TrySetResult(entry);
            }
        });
        await connection.StartAsync();
        var empty = await connection.InvokeAsync<JsonElement>("GetSnapshot");

        Assert.Empty((await merchant.CollectAsync("0812223333", "100.00", "D-1")).Errors);
        Assert.Empty((await merchant.CollectAsync("0812223333", "260.00", "D-2")).Errors);
        var entry = await received.Task.WaitAsync(NodeScript.HangTimeout);

        Assert.Equal(0, empty.GetProperty("purchases").GetInt64());
        Assert.Equal("+66812223333", entry.GetProperty("phone").GetString());
        Assert.Equal("EARN", entry.GetProperty("kind").GetString());
        Assert.Equal(10, entry.GetProperty("points").GetInt64());
        Assert.Equal(14, entry.GetProperty("balanceAfter").GetInt64());
        Assert.True(entry.GetProperty("sequence").GetInt64() > empty.GetProperty("throughSequence").GetInt64());
    }

    [Fact]
    public async Task Snapshot_AfterPurchasesAndPayment_CountsToday()
    {
        var merchant = await fixture.NewMerchantAsync();
        Assert.Empty((await merchant.CollectAsync("0814445555", "100.00", "S-1")).Errors);
        Assert.Empty((await merchant.CollectAsync("0814445555", "50.00", "S-2")).Errors);
        Assert.Empty((await merchant.CollectAsync("0816667777", "250.00", "S-3")).Errors);
        Assert.Empty((await merchant.SendAsync("0816667777", 5, "goodwill-1")).Errors);
        Assert.Empty((await merchant.PullAsync("0816667777", 3, "correction-1")).Errors);
        await using var connection = Connect(merchant.OwnerToken);
        await connection.StartAsync();

        // The snapshot counts only what the feed has published, which may trail the commits.
        JsonElement snapshot = await connection.InvokeAsync<JsonElement>("GetSnapshot");
        while (snapshot.GetProperty("latest").GetArrayLength() < 5)
        {
            await Task.Delay(50);
            snapshot = await connection.InvokeAsync<JsonElement>("GetSnapshot");
        }

        Assert.Equal(3, snapshot.GetProperty("purchases").GetInt64());
        Assert.Equal(4 + 2 + 10 + 5, snapshot.GetProperty("pointsIssued").GetInt64());
        Assert.Equal(0, snapshot.GetProperty("pointsRedeemed").GetInt64());
        Assert.Equal(2, snapshot.GetProperty("newMembers").GetInt64());
        Assert.Equal(3, snapshot.GetProperty("purchasesByHour").EnumerateArray().Sum(hour => hour.GetInt64()));
        Assert.Equal(["PULL", "SEND", "EARN", "EARN", "EARN"],
            snapshot.GetProperty("latest").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task DotNetClient_ApiKey_Rejected()
    {
        var merchant = await fixture.NewMerchantAsync();
        await using var connection = Connect(merchant.ApiKey);

        // The hub rejects the connection in OnConnectedAsync, which the client sees as a closed
        // connection on its first call.
        var error = await Record.ExceptionAsync(async () =>
        {
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("GetSnapshot");
        });

        Assert.NotNull(error);
    }

    [Fact]
    public async Task NpmClient_PurchaseAfterSnapshot_ReceivesEntry()
    {
        var merchant = await fixture.NewMerchantAsync();
        await using var client = NodeScript.Start("signalr-dashboard.mjs", fixture.Host.BaseAddress.ToString(),
            merchant.OwnerToken, "N-1");
        var snapshot = JsonNode.Parse((await client.WaitForLineAsync("snapshot "))["snapshot ".Length..])!;

        Assert.Empty((await merchant.CollectAsync("0817778888", "125.00", "N-1")).Errors);
        var entry = JsonNode.Parse((await client.WaitForLineAsync("entry "))["entry ".Length..])!;

        Assert.True(await client.WaitForExitAsync() == 0, client.Output);
        Assert.Equal(0, snapshot["purchases"]!.GetValue<long>());
        Assert.Equal("N-1", entry["receiptNumber"]!.GetValue<string>());
        Assert.Equal(5, entry["points"]!.GetValue<long>());
        Assert.Equal(1, entry["memberSequence"]!.GetValue<long>());
    }

    [Fact]
    public async Task DashboardPage_HeadlessChromium_ShowsPurchase()
    {
        Assert.False(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POINTSPOT_CHROMIUM")),
            "POINTSPOT_CHROMIUM is not set: deploy/test.sh sets it to Debian's chromium.");
        string email = $"owner-{Guid.NewGuid():N}@example.com";
        var merchant = await TestMerchant.CreateAsync(fixture.Client, "25.00", null, email);
        await using var browser = NodeScript.Start("dashboard-browser.mjs", fixture.Host.BaseAddress.ToString(),
            email, TestMerchant.Password, "B-1");
        await browser.WaitForLineAsync("live");

        Assert.Empty((await merchant.CollectAsync("0819990000", "300.00", "B-1")).Errors);
        string purchases = await browser.WaitForLineAsync("purchases ");
        string row = await browser.WaitForLineAsync("row ");

        Assert.True(await browser.WaitForExitAsync() == 0, browser.Output);
        Assert.Equal("purchases 1", purchases);
        Assert.Matches(@"^row \d+\|\+66819990000\|EARN\|12\|B-1$", row);
    }

    private HubConnection Connect(string token) => new HubConnectionBuilder()
        .WithUrl(HubUrl, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token))
        .Build();
}
