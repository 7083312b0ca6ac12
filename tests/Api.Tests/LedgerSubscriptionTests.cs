using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// GraphQL subscriptions over WebSocket (graphql-transport-ws), driven through the npm graphql-ws
/// client in tests/js, and the protocol's error closes through a raw WebSocket.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LedgerSubscriptionTests(ApiHostFixture fixture)
{
    private const int Purchases = 1000;
    private const int FirstClientEntries = 300;

    private Uri WebSocketUrl => new UriBuilder(new Uri(fixture.Host.BaseAddress, "graphql")) { Scheme = "ws" }.Uri;

    [Fact]
    public async Task LedgerEntries_ResumeDuringPurchases_EveryEntryOnce()
    {
        var merchant = await fixture.NewMerchantAsync();
        var purchases = Task.Run(() => Parallel.ForEachAsync(Enumerable.Range(0, Purchases),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) =>
            {
                var response = await merchant.CollectAsync(Phone(i % 50), "100.00", $"R-{i}");
                Assert.True(response.Errors.Count == 0, response.Body?.ToJsonString());
            }));

        var received = new List<JsonNode>();
        await using (var first = NodeScript.Start("graphql-ws-ledger.mjs", "ledger", WebSocketUrl.ToString(),
                         merchant.PartnerKey, "0", FirstClientEntries.ToString()))
        {
            received.AddRange(await ReadEntriesAsync(first));
        }

        Assert.Equal(FirstClientEntries, received.Count);
        long resumeAfter = received[^1]["sequence"]!.GetValue<long>();
        await using (var second = NodeScript.Start("graphql-ws-ledger.mjs", "ledger", WebSocketUrl.ToString(),
                         merchant.PartnerKey, resumeAfter.ToString(), (Purchases - FirstClientEntries).ToString()))
        {
            received.AddRange(await ReadEntriesAsync(second));
        }

        await purchases;
        var sequences = received.Select(entry => entry["sequence"]!.GetValue<long>()).ToList();
        var receipts = received.Select(entry => entry["receiptNumber"]!.GetValue<string>()).ToList();
        Assert.Equal(Purchases, receipts.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Purchases).Select(i => $"R-{i}").Order(), receipts.Order());
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(await LedgerSequencesAsync(merchant.Id), sequences);
    }

    [Fact]
    public async Task PointsChanged_PurchasesOfTwoMembers_OnlyThatMember()
    {
        var merchant = await fixture.NewMerchantAsync();
        await using var client = NodeScript.Start("graphql-ws-ledger.mjs", "points", WebSocketUrl.ToString(),
            merchant.PartnerKey, "081-111-2222", "3");
        await client.WaitForLineAsync("subscribed");

        // The subscription starts with the entries committed after the server receives it, which
        // the client cannot see, so purchases continue until three of the member's have arrived.
        var entries = new List<JsonNode>();
        var reading = ReadEntriesAsync(client);
        for (int i = 0; i < 200 && !reading.IsCompleted; i++)
        {
            Assert.Empty((await merchant.CollectAsync("0823334444", "50.00", $"OTHER-{i}")).Errors);
            Assert.Empty((await merchant.CollectAsync("0811112222", "75.00", $"MINE-{i}")).Errors);
        }

        entries.AddRange(await reading);
        Assert.Equal(3, entries.Count);
        Assert.All(entries, entry => Assert.Equal("+66811112222", entry["phone"]!.GetValue<string>()));
        Assert.All(entries, entry => Assert.StartsWith("MINE-", entry["receiptNumber"]!.GetValue<string>()));
        Assert.All(entries, entry => Assert.Equal(3, entry["points"]!.GetValue<long>()));
    }

    [Fact]
    public async Task LedgerEntries_NegativeAfterSequence_InvalidInput()
    {
        var merchant = await fixture.NewMerchantAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, InitMessage(merchant.PartnerKey));
        Assert.Equal("connection_ack", JsonNode.Parse(await ReceiveAsync(socket))!["type"]!.GetValue<string>());

        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ledgerEntries(afterSequence: -1) { sequence } }"}}""");
        var message = JsonNode.Parse(await ReceiveAsync(socket))!;
        Assert.Equal("next", message["type"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", message["payload"]!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_BeforeConnectionInit_Closes4401()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"id":"1","type":"subscribe","payload":{"query":"subscription { ledgerEntries { sequence } }"}}""");

        await ReceiveAsync(socket);
        Assert.Equal(4401, (int)socket.CloseStatus!);
    }

    [Fact]
    public async Task ConnectionInit_RevokedOrUnknownKey_Closes4403()
    {
        using var socket = await ConnectAsync();
        await SendAsync(socket, """{"type":"connection_init","payload":{"authorization":"Bearer not-a-key"}}""");

        await ReceiveAsync(socket);
        Assert.Equal(4403, (int)socket.CloseStatus!);
    }

    [Fact]
    public async Task Subscribe_SameIdTwice_Closes4409()
    {
        var merchant = await fixture.NewMerchantAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, InitMessage(merchant.PartnerKey));
        await ReceiveAsync(socket);
        string subscribe = """{"id":"same","type":"subscribe","payload":{"query":"subscription { ledgerEntries { sequence } }"}}""";
        await SendAsync(socket, subscribe);
        await SendAsync(socket, subscribe);

        await ReceiveAsync(socket);
        Assert.Equal(4409, (int)socket.CloseStatus!);
    }

    [Fact]
    public async Task Query_OverWebSocket_NextThenComplete()
    {
        var merchant = await fixture.NewMerchantAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, InitMessage(merchant.PartnerKey));
        await ReceiveAsync(socket);

        await SendAsync(socket, """{"id":"q","type":"subscribe","payload":{"query":"{ merchant { id } }"}}""");
        var next = JsonNode.Parse(await ReceiveAsync(socket))!;
        var complete = JsonNode.Parse(await ReceiveAsync(socket))!;

        Assert.Equal("next", next["type"]!.GetValue<string>());
        Assert.Equal(merchant.Id.ToString(), next["payload"]!["data"]!["merchant"]!["id"]!.GetValue<string>());
        Assert.Equal("complete", complete["type"]!.GetValue<string>());
        Assert.Equal("q", complete["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Subscribe_TooManyTopLevelFields_ErrorMessage()
    {
        var merchant = await fixture.NewMerchantAsync();
        using var socket = await ConnectAsync();
        await SendAsync(socket, InitMessage(merchant.PartnerKey));
        await ReceiveAsync(socket);
        string fields = string.Join(' ', Enumerable.Range(0, 21).Select(i => $"f{i}: __typename"));

        await SendAsync(socket, new JsonObject
        {
            ["id"] = "wide",
            ["type"] = "subscribe",
            ["payload"] = new JsonObject { ["query"] = $"{{ {fields} }}" },
        }.ToJsonString());
        var message = JsonNode.Parse(await ReceiveAsync(socket))!;

        Assert.Equal("error", message["type"]!.GetValue<string>());
        Assert.Equal("wide", message["id"]!.GetValue<string>());
        Assert.Equal("QUERY_TOO_LARGE", message["payload"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> ReadEntriesAsync(NodeScript script)
    {
        var entries = new List<JsonNode>();
        while (await script.ReadLineAsync() is { } line)
        {
            if (line.StartsWith('{'))
            {
                entries.Add(JsonNode.Parse(line)!);
            }
        }

        Assert.True(await script.WaitForExitAsync() == 0, script.Output);
        return entries;
    }

    private async Task<List<long>> LedgerSequencesAsync(Guid merchantId)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT entry_id FROM point_ledger WHERE merchant_id = $1 ORDER BY entry_id");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    private async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("graphql-transport-ws");
        await socket.ConnectAsync(WebSocketUrl, CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Returns the next text message, or "" when the server closed the socket.</summary>
    private static async Task<string> ReceiveAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(NodeScript.HangTimeout);
        var buffer = new byte[65536];
        int length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return "";
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
    }

    private static string InitMessage(string key) => new JsonObject
    {
        ["type"] = "connection_init",
        ["payload"] = new JsonObject { ["authorization"] = $"Bearer {key}" },
    }.ToJsonString();

    private static string Phone(int member) => $"08{member + 10000000:D8}";
}
