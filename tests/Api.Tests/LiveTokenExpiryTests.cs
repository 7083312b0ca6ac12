using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// A staff token that expires while its live connections are open. The host issues access tokens
/// that last 20 seconds, long enough to open both connections on a busy machine.
/// </summary>
public sealed class LiveTokenExpiryTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ApiHost host = null!;
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("livetokenexpiry");
        host = await ApiHost.StartAsync(database.ConnectionString, $"live-token-expiry-tests-{Guid.NewGuid():N}",
            new Dictionary<string, string?>
            {
                ["Access:AccessTokenLifetime"] = "00:00:20",
                ["Live:CredentialCheckInterval"] = "00:00:01",
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
    public async Task OwnerToken_Expires_ConnectionsClosed()
    {
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);
        using var socket = await GraphQLSocket.OpenAsync(host.BaseAddress, merchant.OwnerToken);
        await socket.SubscribeAsync("ledger", "subscription { ledgerEntries(afterSequence: 0) { receiptNumber } }");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "hubs/dashboard"),
                options => options.AccessTokenProvider = () => Task.FromResult<string?>(merchant.OwnerToken))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        Assert.Empty((await merchant.CollectAsync("0812345678", "100.00", "BEFORE-1")).Errors);
        JsonNode first = (await socket.ReceiveAsync())!;

        // The token lasts 20 seconds: both connections end within the hang timeout.
        var later = new List<JsonNode>();
        while (await socket.ReceiveAsync() is { } message)
        {
            later.Add(message);
        }

        await closed.Task.WaitAsync(NodeScript.HangTimeout);

        Assert.Equal("BEFORE-1", first["payload"]!["data"]!["ledgerEntries"]!["receiptNumber"]!.GetValue<string>());
        Assert.Empty(later);
        Assert.Equal(4403, (int?)socket.CloseStatus);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
