using System.Net.WebSockets;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Api.Http;

namespace Pointspot.Api.Live;

/// <summary>
/// GraphQL over WebSocket at /graphql with the graphql-transport-ws protocol of the graphql-ws
/// project: queries, mutations and subscriptions, one session per socket.
/// </summary>
public sealed class GraphQLWebSocketEndpoint(
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IGrainFactory grains,
    DocumentCache documents,
    IOptions<GraphQLLimits> limits,
    IOptions<GraphQLWebSocketOptions> options,
    ApiRateLimiter rateLimiter,
    IOptions<LiveOptions> liveOptions,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    public const string SubProtocol = "graphql-transport-ws";

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(
                $"This WebSocket endpoint speaks only the {SubProtocol} subprotocol: request it in Sec-WebSocket-Protocol.\n",
                http.RequestAborted);
            return;
        }

        using WebSocket socket = await http.WebSockets.AcceptWebSocketAsync(SubProtocol);
        var session = new GraphQLWebSocketSession(socket, http, executer, schema, serializer, grains, documents,
            limits.Value, options.Value, rateLimiter, liveOptions.Value, clock,
            loggers.CreateLogger<GraphQLWebSocketSession>());
        await session.RunAsync(http.RequestAborted);
    }
}

/// <summary>The "GraphQL:WebSocket" configuration section.</summary>
public sealed class GraphQLWebSocketOptions
{
    public const string Section = "GraphQL:WebSocket";

    /// <summary>How long a client may take to send connection_init after connecting.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Operations that one socket may run at once.</summary>
    public int MaxOperations { get; set; } = 100;

    /// <summary>The largest message a client may send, in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 65536;
}
