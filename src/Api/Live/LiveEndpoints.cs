using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pointspot.Api.Http;

namespace Pointspot.Api.Live;

/// <summary>The live part of the Api: GraphQL over WebSocket, the dashboard hub and its page.</summary>
public static class LiveEndpoints
{
    // MSBuild names an embedded resource after the root namespace and the folder path.
    private const string ResourcePrefix = "Pointspot.Api.Live.wwwroot.";

    private static readonly Dictionary<string, string> PageFiles = new(StringComparer.Ordinal)
    {
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["signalr.min.js"] = "text/javascript; charset=utf-8",
        ["signalr.LICENSE.txt"] = "text/plain; charset=utf-8",
    };

    public static IServiceCollection AddPointspotLiveApi(this IServiceCollection services)
    {
        services.AddOptions<GraphQLWebSocketOptions>().BindConfiguration(GraphQLWebSocketOptions.Section);
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section);
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSignalR().AddJsonProtocol(options =>
        {
            // Entry kinds as the ledger and the GraphQL schema name them: EARN, TRANSFER_OUT.
            options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper));
            options.PayloadSerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddSingleton<DashboardConnections>();
        services.AddHostedService(provider => provider.GetRequiredService<DashboardConnections>());
        services.AddHostedService<DashboardPusher>();
        return services;
    }

    /// <summary>
    /// Maps /graphql for HTTP and WebSocket requests. The WebSocket middleware runs only on this
    /// route, as SignalR's MapHub does for its own routes.
    /// </summary>
    public static void MapGraphQL(IEndpointRouteBuilder endpoints)
    {
        var pipeline = endpoints.CreateApplicationBuilder();
        pipeline.UseWebSockets();
        pipeline.Run(http => http.WebSockets.IsWebSocketRequest
            ? http.RequestServices.GetRequiredService<GraphQLWebSocketEndpoint>().HandleAsync(http)
            : http.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(http));
        endpoints.MapMethods("/graphql", ["GET", "POST", "PUT", "PATCH", "DELETE"], pipeline.Build());
    }

    public static IEndpointRouteBuilder MapPointspotLive(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<DashboardHub>(DashboardHub.Path);
        endpoints.MapGet("/dashboard", () => PageFile("dashboard.html", "text/html; charset=utf-8"));
        endpoints.MapGet("/dashboard/{file}", (string file) => PageFiles.TryGetValue(file, out string? contentType)
            ? PageFile(file, contentType)
            : Results.NotFound());
        return endpoints;
    }

    private static IResult PageFile(string name, string contentType)
    {
        var stream = typeof(LiveEndpoints).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The page file {name} is not embedded in Pointspot.Api.");
        return Results.Stream(stream, contentType);
    }
}
