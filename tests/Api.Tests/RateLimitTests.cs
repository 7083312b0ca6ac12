using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// A host of its own with small buckets that refill once an hour, so the count of requests, not
/// the clock, decides which request is rejected.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PerCredential = 3;
    private const int PerAddress = 5;

    private TestDatabase database = null!;
    private ApiHost host = null!;
    private GraphQLClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("ratelimits");
        host = await ApiHost.StartAsync(database.ConnectionString, $"rate-limit-tests-{Guid.NewGuid():N}", new Dictionary<string, string?>
        {
            ["RateLimits:PerCredential:PermitLimit"] = PerCredential.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:PerCredential:Period"] = "01:00:00",
            ["RateLimits:PerAddress:PermitLimit"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
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
    public async Task Requests_OverLimits_Return429()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = host.BaseAddress };

        var keyA = new List<HttpResponseMessage>();
        for (int i = 0; i <= PerCredential; i++)
        {
            keyA.Add(await PostAsync(http, "psk_key-a"));
        }

        var keyB = new List<HttpResponseMessage>();
        for (int i = 0; i < PerAddress - PerCredential; i++)
        {
            keyB.Add(await PostAsync(http, "psk_key-b"));
        }

        HttpResponseMessage keyBOverAddress = await PostAsync(http, "psk_key-b");
        HttpResponseMessage anonymous = await PostAsync(http, null);
        HttpResponseMessage health = await http.GetAsync("health/live");
        JsonNode body = JsonNode.Parse(await keyA[^1].Content.ReadAsStringAsync())!;

        // Unknown keys pass the limiter and are then rejected by authentication with UNAUTHENTICATED.
        Assert.All(keyA.Take(PerCredential), response => Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, keyA[^1].StatusCode);
        Assert.True(keyA[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {keyA[^1].Headers.RetryAfter}");
        Assert.Equal("RATE_LIMITED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.All(keyB, response => Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, keyBOverAddress.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
        {
            Content = new StringContent("""{"query": "{ merchant { id } }"}""", Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await http.SendAsync(request);
    }
}
