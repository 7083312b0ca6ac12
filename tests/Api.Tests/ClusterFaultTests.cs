using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pointspot.Api.Tests;

/// <summary>
/// Three silos in their own processes on one database. One is killed with SIGKILL in the middle of
/// the load and started again, while a client retries every failed request with the same
/// idempotency key on the next silo, the retry rule that docs/api.md gives POS vendors.
/// </summary>
public sealed class ClusterFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Purchases = 20_000;
    private const int Members = 500;
    private const int Clients = 32;
    private const int KillAfter = 5_000;
    private const int RestartAfter = 12_000;
    private const string SpendPerPoint = "10.00";

    /// <summary>Declares a killed silo dead after about two missed one-second probes.</summary>
    private static readonly Dictionary<string, string> FastFailureDetection = new()
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
    };

    private static readonly DateTimeOffset PurchaseTime = TestMerchant.HourAgo();

    private TestDatabase _database = null!;
    private readonly List<SiloProcess> _silos = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("fault");

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KillOneOfThree_MidLoad_EveryAcknowledgedOnce()
    {
        string clusterId = $"fault-{Guid.NewGuid():N}";
        for (int i = 0; i < 3; i++)
        {
            _silos.Add(SiloProcess.Create(_database.ConnectionString, clusterId, FastFailureDetection));
        }

        // The first silo applies the migrations alone.
        await _silos[0].StartAsync(TimeSpan.FromMinutes(2));
        await Task.WhenAll(_silos[1].StartAsync(TimeSpan.FromMinutes(2)), _silos[2].StartAsync(TimeSpan.FromMinutes(2)));
        using var setupClient = new GraphQLClient(_silos[0].BaseAddress);
        TestMerchant merchant = await TestMerchant.CreateAsync(setupClient, SpendPerPoint, null);

        var load = new FaultLoad(_silos, merchant.ApiKey);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var crash = CrashAndRestartAsync(load, deadline.Token);
        await load.RunAsync(deadline.Token);
        await crash;

        Assert.True(load.Errors.IsEmpty, $"Requests failed for good: {string.Join("; ", load.Errors.Take(5))}");
        Assert.Equal(Purchases, load.Acknowledged.Count);
        Assert.True(load.Retries > 0, "No request was retried, so the kill did not hit the load.");
        long expectedPoints = Enumerable.Range(0, Purchases).Sum(i => ExpectedPoints(i));
        Assert.Equal(expectedPoints, load.Acknowledged.Values.Sum());

        Guid merchantId = merchant.Id;
        long rows = await _database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1", merchantId);
        long distinctKeys = await _database.QueryScalarAsync<long>(
            "SELECT count(DISTINCT idempotency_key) FROM point_ledger WHERE merchant_id = $1", merchantId);
        long ledgerPoints = await _database.QueryScalarAsync<long>(
            "SELECT coalesce(sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1", merchantId);
        long balances = await _database.QueryScalarAsync<long>("""
            SELECT coalesce(sum(balance_after), 0)::bigint FROM (
                SELECT DISTINCT ON (phone) balance_after FROM point_ledger
                WHERE merchant_id = $1 ORDER BY phone, seq DESC) latest
            """, merchantId);
        output.WriteLine(
            $"sent {Purchases}, acknowledged {load.Acknowledged.Count}, retries {load.Retries}, ledger rows {rows}, "
            + $"duplicates {rows - distinctKeys}, lost {Purchases - rows}, points {ledgerPoints} of {expectedPoints}");
        Assert.Equal(Purchases, rows);
        Assert.Equal(Purchases, distinctKeys);
        Assert.Equal(expectedPoints, ledgerPoints);
        Assert.Equal(expectedPoints, balances);
    }

    private async Task CrashAndRestartAsync(FaultLoad load, CancellationToken cancellationToken)
    {
        while (load.Acknowledged.Count < KillAfter)
        {
            await Task.Delay(50, cancellationToken);
        }

        _silos[1].Kill();
        while (load.Acknowledged.Count < RestartAfter && !load.Finished)
        {
            await Task.Delay(50, cancellationToken);
        }

        await _silos[1].StartAsync(TimeSpan.FromMinutes(2));
    }

    private static string Amount(int purchase) =>
        string.Create(CultureInfo.InvariantCulture, $"{10 + purchase % 50}.{purchase % 100:00}");

    private static long ExpectedPoints(int purchase) =>
        (long)decimal.Floor(decimal.Parse(Amount(purchase), CultureInfo.InvariantCulture) / decimal.Parse(SpendPerPoint, CultureInfo.InvariantCulture));

    /// <summary>
    /// Closed-loop clients that send each purchase until it is acknowledged, moving to the next
    /// silo after a network error, an HTTP 5xx or UNAVAILABLE, with the same body each time.
    /// </summary>
    private sealed class FaultLoad(IReadOnlyList<SiloProcess> silos, string apiKey)
    {
        private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(2);
        private int _next = -1;
        private int _retries;

        public ConcurrentDictionary<int, long> Acknowledged { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public int Retries => Volatile.Read(ref _retries);

        public bool Finished { get; private set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
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
                        receiptNumber = $"F-{purchase}",
                        idempotencyKey = $"fault-{purchase}",
                        occurredAt = PurchaseTime.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    },
                },
            });
            var started = DateTime.UtcNow;
            for (int attempt = 0; ; attempt++)
            {
                var silo = silos[(purchase + attempt) % silos.Count];
                string? failure = await TryOnceAsync(http, silo, body, purchase, cancellationToken);
                if (failure is null)
                {
                    return;
                }

                if (failure.StartsWith("final:", StringComparison.Ordinal) || DateTime.UtcNow - started > RetryFor)
                {
                    Errors.Enqueue($"purchase {purchase}: {failure}");
                    return;
                }

                Interlocked.Increment(ref _retries);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))), cancellationToken);
            }
        }

        /// <summary>Returns null when acknowledged, or why not, prefixed "final:" when a retry cannot help.</summary>
        private async Task<string?> TryOnceAsync(
            HttpClient http, SiloProcess silo, string body, int purchase, CancellationToken cancellationToken)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(silo.BaseAddress, "graphql"), content, cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }

                var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (json?["errors"] is JsonArray { Count: > 0 } errors)
                {
                    string? code = errors[0]?["extensions"]?["code"]?.GetValue<string>();
                    return code == "UNAVAILABLE" ? code : $"final: {errors.ToJsonString()}";
                }

                long points = json!["data"]!["collectPoints"]!["entry"]!["points"]!.GetValue<long>();
                Acknowledged[purchase] = points;
                return null;
            }
            catch (HttpRequestException exception)
            {
                return exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return "timed out";
            }
        }
    }
}
