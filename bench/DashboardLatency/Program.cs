// Measures the time from collectPoints returning to the dashboard hub delivering the entry.
// Usage: dotnet Pointspot.DashboardLatency.dll [--url URL] [--rate N] [--seconds N] [--clients N] [--members N]
// See bench/dashboard-latency.sh, which builds and runs it against a running Pointspot.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;

var options = LatencyOptions.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients })
{
    BaseAddress = options.Url,
};

string email = $"latency-{Guid.NewGuid():N}@example.com";
var signUp = await GraphQL(http, null, """
    mutation ($input: SignUpMerchantInput!) { signUpMerchant(input: $input) { token } }
    """, new { input = new { name = "Latency bench", ownerEmail = email, password = "a long bench password" } });
string token = signUp["signUpMerchant"]!["token"]!.GetValue<string>();
await GraphQL(http, token, "mutation ($input: SetEarnRuleInput!) { setEarnRule(input: $input) { id } }",
    new { input = new { spendPerPoint = "25.00" } });
var key = await GraphQL(http, token, "mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }",
    new { input = new { name = "latency bench" } });
string apiKey = key["createApiKey"]!["secret"]!.GetValue<string>();

var received = new ConcurrentDictionary<string, long>();
await using var hub = new HubConnectionBuilder()
    .WithUrl(new Uri(options.Url, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
    .Build();
hub.On<JsonElement[]>("entries", entries =>
{
    long now = Stopwatch.GetTimestamp();
    foreach (var entry in entries)
    {
        if (entry.GetProperty("receiptNumber").GetString() is { } receipt)
        {
            received.TryAdd(receipt, now);
        }
    }
});
await hub.StartAsync();
await hub.InvokeAsync<JsonElement>("GetSnapshot");

// Open loop: request i is due at i / rate seconds, however long the responses before it took; the
// semaphore caps the requests in flight at --clients.
var returned = new ConcurrentDictionary<string, long>();
string occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
int total = options.Rate * options.Seconds;
int failed = 0;
string? firstError = null;
using var inFlight = new SemaphoreSlim(options.Clients);
var started = Stopwatch.StartNew();
var requests = new List<Task>(total);
for (int i = 0; i < total; i++)
{
    var due = TimeSpan.FromSeconds((double)i / options.Rate);
    if (due > started.Elapsed)
    {
        await Task.Delay(due - started.Elapsed);
    }

    await inFlight.WaitAsync();
    string receipt = $"L-{i}";
    string phone = "06" + (i % options.Members).ToString("D8", CultureInfo.InvariantCulture);
    requests.Add(Task.Run(async () =>
    {
        try
        {
            await GraphQL(http, apiKey, """
                mutation ($input: CollectPointsInput!) { collectPoints(input: $input) { replayed } }
                """, new { input = new { phone, amount = "125.00", receiptNumber = receipt, idempotencyKey = receipt, occurredAt } });
            returned[receipt] = Stopwatch.GetTimestamp();
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
        {
            Interlocked.CompareExchange(ref firstError, exception.Message, null);
            Interlocked.Increment(ref failed);
        }
        finally
        {
            inFlight.Release();
        }
    }));
}

await Task.WhenAll(requests);
double sendSeconds = started.Elapsed.TotalSeconds;
var drainUntil = Stopwatch.StartNew();
while (returned.Keys.Any(receipt => !received.ContainsKey(receipt)) && drainUntil.Elapsed < TimeSpan.FromSeconds(10))
{
    await Task.Delay(100);
}

var latencies = returned
    .Where(pair => received.ContainsKey(pair.Key))
    .Select(pair => Stopwatch.GetElapsedTime(pair.Value, received[pair.Key]).TotalMilliseconds)
    .Order()
    .ToList();
int missing = returned.Count - latencies.Count;
Console.WriteLine($"purchases sent: {total} in {sendSeconds:0.0} s ({total / sendSeconds:0} per second), failed: {failed}");
if (firstError is not null)
{
    Console.WriteLine($"first error: {firstError}");
}

Console.WriteLine($"entries received on the dashboard: {latencies.Count}, never received: {missing}");
Console.WriteLine($"pushed before the HTTP answer arrived: {latencies.Count(l => l < 0)}");
if (latencies.Count > 0)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"latency ms: p50 {Percentile(latencies, 0.50):0.0}, p99 {Percentile(latencies, 0.99):0.0}, max {latencies[^1]:0.0}"));
}

return missing == 0 && failed == 0 ? 0 : 1;

static double Percentile(List<double> sorted, double quantile) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

static async Task<JsonNode> GraphQL(HttpClient http, string? bearer, string query, object variables)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "graphql")
    {
        Content = JsonContent.Create(new { query, variables }),
    };
    if (bearer is not null)
    {
        request.Headers.Authorization = new("Bearer", bearer);
    }

    using var response = await http.SendAsync(request);
    var body = await response.Content.ReadFromJsonAsync<JsonNode>()
        ?? throw new InvalidOperationException("The server returned an empty body.");
    if (body["errors"] is JsonArray { Count: > 0 } errors)
    {
        throw new InvalidOperationException($"GraphQL error: {errors.ToJsonString()}");
    }

    return body["data"]!;
}

/// <summary>Command-line options of the latency benchmark.</summary>
internal sealed record LatencyOptions(Uri Url, int Rate, int Seconds, int Clients, int Members)
{
    public static LatencyOptions Parse(string[] args)
    {
        var options = new LatencyOptions(new Uri("http://127.0.0.1:5080/"), 1000, 10, 64, 10000);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            options = args[i] switch
            {
                "--url" => options with { Url = new Uri(value.EndsWith('/') ? value : value + "/") },
                "--rate" => options with { Rate = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => options with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--members" => options with { Members = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException(
                    $"Unknown option {args[i]}: use --url, --rate, --seconds, --clients or --members."),
            };
        }

        return options;
    }
}
