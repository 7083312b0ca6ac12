using System.Net;
using System.Net.Http.Headers;

namespace Pointspot.Bench;

/// <summary>The HTTP client settings shared by setup and the load runs.</summary>
public static class BenchHttp
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    /// <summary>
    /// Parses the GraphQL endpoint URL. Only loopback addresses are accepted, because the load is
    /// heavy enough to disturb any shared server it reaches by mistake.
    /// </summary>
    public static Uri ParseEndpoint(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--url \"{url}\" is invalid: expected http://127.0.0.1:PORT/graphql.");
        }

        if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new UsageException(
                $"--url \"{url}\" is not a loopback address: the generator only targets 127.0.0.1 or ::1.");
        }

        return uri;
    }

    /// <summary>
    /// Creates a client with one keep-alive connection per concurrent client. The proxy is off, so
    /// an HTTP_PROXY variable cannot send the load anywhere but the endpoint.
    /// </summary>
    public static HttpClient CreateClient(int maxConnections, string? bearer)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        var client = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseMediaType));
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }
}
