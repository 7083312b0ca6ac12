using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Rate limits on operations sent over open connections: each GraphQL WebSocket subscribe message
/// and each dashboard GetSnapshot call takes a permit from the same per-credential bucket as an
/// HTTP request. The buckets refill once an hour, so the count decides, not the clock.
/// </summary>
public sealed class LiveRateLimitTests : IAsyncLifetime
{
    private const int PerCredential = 6;

    private const string Collect = """
        mutation Collect($input: CollectPointsInput!) { collectPoints(input: $input) { entry { receiptNumber } } }
        """;

    private TestDatabase database = null!;
    private ApiHost host = null!;
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("liveratelimits");
        host = await ApiHost.StartAsync(database.ConnectionString, $"live-rate-limit-tests-{Guid.NewGuid():N}", new Dictionary<string, string?>
        {
            ["RateLimits:PerCredential:PermitLimit"] = PerCredential.ToString(CultureInfo.InvariantCulture),
            ["RateLimits:PerCredential:Period"] = "01:00:00",
            ["RateLimits:PerAddress:PermitLimit"] = "1000",
            ["RateLimits:PerAddress:Period"] = "01:00:00",
        });
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
    public async Task Subscribe_OverLimit_RateLimitedSocketOpen()
    {
        const int Sent = PerCredential + 2;
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);

        // The key travels in connection_init, so the upgrade request takes no permit of the key.
        using var socket = await GraphQLSocket.OpenAsync(host.BaseAddress, merchant.ApiKey);
        for (int i = 1; i <= Sent; i++)
        {
            await socket.SubscribeAsync($"m{i}", Collect, new JsonObject
            {
                ["input"] = new JsonObject
                {
                    ["phone"] = "0812345678",
                    ["amount"] = "100.00",
                    ["receiptNumber"] = $"WS-{i}",
                    ["idempotencyKey"] = $"ws-{i}",
                    ["occurredAt"] = TestMerchant.DefaultPurchaseTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                },
            });
        }

        var outcomes = new Dictionary<string, JsonNode>();
        while (outcomes.Count < Sent && await socket.ReceiveAsync() is { } message)
        {
            string type = message["type"]!.GetValue<string>();
            if (type is "complete" or "error")
            {
                outcomes[message["id"]!.GetValue<string>()] = message;
            }
        }

        await socket.SendAsync(new JsonObject { ["type"] = "ping" });
        JsonNode? pong = await socket.ReceiveAsync();

        Assert.Equal(Sent, outcomes.Count);
        for (int i = 1; i <= PerCredential; i++)
        {
            Assert.True(outcomes[$"m{i}"]["type"]!.GetValue<string>() == "complete", outcomes[$"m{i}"].ToJsonString());
        }

        for (int i = PerCredential + 1; i <= Sent; i++)
        {
            JsonNode error = outcomes[$"m{i}"];
            Assert.Equal("error", error["type"]!.GetValue<string>());
            Assert.Equal("RATE_LIMITED", error["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.Matches(@"retry after \d+ seconds", error["payload"]![0]!["message"]!.GetValue<string>());
        }

        Assert.Equal("pong", pong?["type"]?.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, PerCredential).Select(i => $"WS-{i}"), await ReceiptsAsync(merchant.Id));
    }

    [Fact]
    public async Task GetSnapshot_OverLimit_RateLimited()
    {
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/dashboard"),
                options => options.AccessTokenProvider = () => Task.FromResult<string?>(merchant.OwnerToken))
            .Build();
        await connection.StartAsync();

        // Signing up and connecting took some of the owner token's permits already.
        var errors = new List<HubException>();
        for (int i = 0; i <= PerCredential; i++)
        {
            try
            {
                await connection.InvokeAsync<object>("GetSnapshot");
            }
            catch (HubException exception)
            {
                errors.Add(exception);
            }
        }

        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Contains("RATE_LIMITED", error.Message));
        Assert.All(errors, error => Assert.Matches(@"retry after \d+ seconds", error.Message));
        Assert.Equal(HubConnectionState.Connected, connection.State);
    }

    private async Task<List<string>> ReceiptsAsync(Guid merchantId)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT receipt_number FROM point_ledger WHERE merchant_id = $1 ORDER BY entry_id");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        var receipts = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            receipts.Add(reader.GetString(0));
        }

        return receipts;
    }
}
