using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>A raw graphql-transport-ws connection to a host's /graphql, for tests that read each message.</summary>
public sealed class GraphQLSocket : IDisposable
{
    private readonly ClientWebSocket socket = new();

    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    /// <summary>Connects, sends connection_init with the bearer secret and waits for connection_ack.</summary>
    public static async Task<GraphQLSocket> OpenAsync(Uri baseAddress, string bearer)
    {
        var client = new GraphQLSocket();
        client.socket.Options.AddSubProtocol("graphql-transport-ws");
        var url = new UriBuilder(new Uri(baseAddress, "graphql")) { Scheme = "ws" }.Uri;
        await client.socket.ConnectAsync(url, CancellationToken.None);
        await client.SendAsync(new JsonObject
        {
            ["type"] = "connection_init",
            ["payload"] = new JsonObject { ["authorization"] = $"Bearer {bearer}" },
        });
        JsonNode? ack = await client.ReceiveAsync();
        Assert.Equal("connection_ack", ack?["type"]?.GetValue<string>());
        return client;
    }

    /// <summary>Sends a subscribe message whose operation is the document with the variables.</summary>
    public Task SubscribeAsync(string id, string query, JsonObject? variables = null) => SendAsync(new JsonObject
    {
        ["id"] = id,
        ["type"] = "subscribe",
        ["payload"] = new JsonObject { ["query"] = query, ["variables"] = variables },
    });

    public Task SendAsync(JsonObject message) => socket.SendAsync(
        Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Returns the next message, or null when the server closed the socket.</summary>
    public async Task<JsonNode?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(NodeScript.HangTimeout);
        var buffer = new byte[65536];
        int length = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, length));
            }
        }
    }

    public void Dispose() => socket.Dispose();
}
