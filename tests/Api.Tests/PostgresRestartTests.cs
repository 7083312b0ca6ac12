using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pointspot.Api.Tests;

/// <summary>
/// A silo process on a PostgreSQL of this test alone, which the test stops and starts again in
/// the middle of the load. Clients retry UNAVAILABLE, HTTP 5xx and network errors with the same
/// idempotency key, the retry rule of docs/api.md, and the ledger must hold every purchase once.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Purchases = 4_000;
    private const int Members = 200;
    private const int Clients = 16;
    private const int StopAfter = 1_000;

    /// <summary>Failed requests to see while PostgreSQL is down, so the outage surely hit the load.</summary>
    private const int FailuresWhileDown = 200;

    private const string SpendPerPoint = "10.00";

    /// <summary>
    /// The bound on one request. A request that has not returned by then counts as hung and fails
    /// the test, because a POS must learn quickly that it has to retry.
    /// </summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static readonly DateTimeOffset PurchaseTime = TestMerchant.HourAgo();

    private PrivatePostgres _postgres = null!;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartNewAsync();
        _silo = SiloProcess.Create(_postgres.ConnectionString, $"pg-restart-{Guid.NewGuid():N}",
            new Dictionary<string, string>());
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task RestartPostgres_MidLoad_EveryAcknowledgedOnce()
    {
        await _silo.StartAsync(TimeSpan.FromMinutes(2));
        using var setupClient = new GraphQLClient(_silo.BaseAddress);
        TestMerchant merchant = await TestMerchant.CreateAsync(setupClient, SpendPerPoint, null);

        var load = new RestartLoad(_silo, merchant.ApiKey);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var restart = RestartPostgresAsync(load, deadline.Token);
        await load.RunAsync(deadline.Token);
        var (readyWhileDown, readyAfter) = await restart;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown);
        Assert.Equal(HttpStatusCode.OK, readyAfter);
        Assert.True(load.Errors.IsEmpty, $"Requests failed for good: {string.Join("; ", load.Errors.Take(5))}");
        Assert.Equal(0, load.TimedOut);
        Assert.True(load.Unavailable >= FailuresWhileDown, $"Only {load.Unavailable} requests got UNAVAILABLE.");
        Assert.Equal(Purchases, load.Acknowledged.Count);

        await using var database = NpgsqlDataSource.Create(_postgres.ConnectionString);
        long rows = await ScalarAsync(database, "SELECT count(*) FROM point_ledger WHERE merchant_id = $1", merchant.Id);
        long distinctKeys = await ScalarAsync(database,
            "SELECT count(DISTINCT idempotency_key) FROM point_ledger WHERE merchant_id = $1", merchant.Id);
        long ledgerPoints = await ScalarAsync(database,
            "SELECT coalesce(sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1", merchant.Id);
        long expectedPoints = Enumerable.Range(0, Purchases).Sum(ExpectedPoints);
        output.WriteLine(
            $"sent {Purchases}, acknowledged {load.Acknowledged.Count}, UNAVAILABLE or HTTP 5xx {load.Unavailable}, "
            + $"network errors {load.NetworkErrors}, replayed {load.Replayed}, timed out {load.TimedOut}, "
            + $"ledger rows {rows}, duplicates {rows - distinctKeys}, lost {Purchases - rows}, "
            + $"points {ledgerPoints} of {expectedPoints}");
        Assert.Equal(Purchases, rows);
        Assert.Equal(Purchases, distinctKeys);
        Assert.Equal(expectedPoints, ledgerPoints);
        Assert.Equal(expectedPoints, load.Acknowledged.Values.Sum());
    }

    /// <summary>
    /// Stops PostgreSQL after <see cref="StopAfter"/> acknowledgements and starts it again once
    /// the clients have seen enough failures. Returns /health/ready's status while PostgreSQL
    /// was down, and once the silo is ready again.
    /// </summary>
    private async Task<(HttpStatusCode WhileDown, HttpStatusCode After)> RestartPostgresAsync(
        RestartLoad load, CancellationToken cancellationToken)
    {
        while (load.Acknowledged.Count < StopAfter)
        {
            await Task.Delay(20, cancellationToken);
        }

        await _postgres.StopAsync();
        int failuresAtStop = load.Unavailable + load.NetworkErrors;
        using var http = new HttpClient { Timeout = RequestTimeout };
        using var whileDown = await http.GetAsync(new Uri(_silo.BaseAddress, "health/ready"), cancellationToken);
        while (load.Unavailable + load.NetworkErrors - failuresAtStop < FailuresWhileDown && !load.Finished)
        {
            await Task.Delay(20, cancellationToken);
        }

        await _postgres.StartAsync();
        HttpStatusCode after;
        do
        {
            await Task.Delay(100, cancellationToken);
            using var response = await http.GetAsync(new Uri(_silo.BaseAddress, "health/ready"), cancellationToken);
            after = response.StatusCode;
        }
        while (after != HttpStatusCode.OK);

        return (whileDown.StatusCode, after);
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql, Guid merchantId)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Amount(int purchase) =>
        string.Create(CultureInfo.InvariantCulture, $"{10 + purchase % 50}.{purchase % 100:00}");

    private static long ExpectedPoints(int purchase) =>
        (long)decimal.Floor(decimal.Parse(Amount(purchase), CultureInfo.InvariantCulture) / 10.00m);

    /// <summary>
    /// Closed-loop clients that send each purchase until it is acknowledged, retrying after a
    /// network error, an HTTP 5xx or UNAVAILABLE with the same body and a growing pause.
    /// </summary>
    private sealed class RestartLoad(SiloProcess silo, string apiKey)
    {
        private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(1);
        private int _next = -1;
        private int _unavailable;
        private int _networkErrors;
        private int _timedOut;
        private int _replayed;

        public ConcurrentDictionary<int, long> Acknowledged { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public int Unavailable => Volatile.Read(ref _unavailable);

        public int NetworkErrors => Volatile.Read(ref _networkErrors);

        public int TimedOut => Volatile.Read(ref _timedOut);

        public int Replayed => Volatile.Read(ref _replayed);

        public bool Finished { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = RequestTimeout };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => ClientAsync(http, cancellationToken)));
            Finished = true;
        }

        private async Task ClientAsync(HttpClient http, CancellationToken cancellationToken)
        {
            int purchase;
            while ((purchase = Interlocked.Increment(ref _next)) < Purchases)
            {
                await SendAsync(http, purchase, cancellationToken);
            }
        }

        private async Task SendAsync(HttpClient http, int purchase, CancellationToken cancellationToken)
        {
            string body = JsonSerializer.Serialize(new
            {
                query = Documents.CollectPoints,
                variables = new
                {
                    input = new
                    {
                        phone = $"08{purchase % Members:00000000}",
                        amount = Amount(purchase),
                        receiptNumber = $"PG-{purchase}",
                        idempotencyKey = $"pg-restart-{purchase}",
                        occurredAt = PurchaseTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    },
                },
            });
            var started = DateTime.UtcNow;
            for (int attempt = 0; ; attempt++)
            {
                string? failure = await TryOnceAsync(http, body, purchase, cancellationToken);
                if (failure is null)
                {
                    return;
                }

                if (failure.StartsWith("final:", StringComparison.Ordinal) || DateTime.UtcNow - started > RetryFor)
                {
                    Errors.Enqueue($"purchase {purchase}: {failure}");
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))), cancellationToken);
            }
        }

        /// <summary>Returns null when acknowledged, or why not, prefixed "final:" when a retry cannot help.</summary>
        private async Task<string?> TryOnceAsync(HttpClient http, string body, int purchase, CancellationToken cancellationToken)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(silo.BaseAddress, "graphql"), content, cancellationToken);
                string text = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref _unavailable);
                    return $"HTTP {(int)response.StatusCode}";
                }

                var json = JsonNode.Parse(text);
                if (json?["errors"] is JsonArray { Count: > 0 } errors)
                {
                    string? code = errors[0]?["extensions"]?["code"]?.GetValue<string>();
                    if (code != "UNAVAILABLE")
                    {
                        return $"final: {errors.ToJsonString()}";
                    }

                    Interlocked.Increment(ref _unavailable);
                    return code;
                }

                var payload = json!["data"]!["collectPoints"]!;
                if (payload["replayed"]!.GetValue<bool>())
                {
                    Interlocked.Increment(ref _replayed);
                }

                Acknowledged[purchase] = payload["entry"]!["points"]!.GetValue<long>();
                return null;
            }
            catch (HttpRequestException exception)
            {
                Interlocked.Increment(ref _networkErrors);
                return exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref _timedOut);
                return "final: timed out";
            }
        }
    }
}
