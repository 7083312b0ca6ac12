using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pointspot.Api.Tests;

/// <summary>
/// Work that outlives one request, killed with SIGKILL halfway: the silo that runs it is the only
/// one, so every transfer saga and expiry run in flight dies with it. After a restart the Orleans reminders and the
/// clients' retries with the same idempotency key must finish each piece of work exactly once.
/// </summary>
public sealed class SiloCrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Senders = 40;
    private const long OpeningPoints = 10_000;
    private const int Transfers = 600;
    private const int Clients = 30;
    private const int KillAfter = 150;

    private const string Transfer = """
        mutation Transfer($input: TransferPointsInput!) {
          transferPoints(input: $input) { status replayed debit { points } credit { points } }
        }
        """;

    /// <summary>Members whose lots are due when the expiry run starts, enough to keep it busy for seconds.</summary>
    private const int ExpiringMembers = 6_000;

    /// <summary>
    /// A transfer is resumed 2 s after it began and an expiry run starts 2 s after the policy is
    /// set, then both every minute, Orleans' default minimum reminder period.
    /// </summary>
    private static readonly Dictionary<string, string> QuickReminders = new()
    {
        ["Transfers__ResumeDelay"] = "00:00:02",
        ["Transfers__ResumePeriod"] = "00:01:00",
        ["Expiry__FirstRunDelay"] = "00:00:02",
        ["Expiry__Period"] = "00:01:00",
    };

    private TestDatabase _database = null!;
    private SiloProcess _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("crash");
        _silo = SiloProcess.Create(_database.ConnectionString, $"crash-{Guid.NewGuid():N}", QuickReminders);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KillSilo_MidTransfers_EachFinishesOnce()
    {
        await _silo.StartAsync(TimeSpan.FromMinutes(2));
        using var client = new GraphQLClient(_silo.BaseAddress);
        TestMerchant merchant = await TestMerchant.CreateAsync(client, "10.00", null);
        for (int sender = 0; sender < Senders; sender++)
        {
            (await merchant.SendAsync(SenderPhone(sender), OpeningPoints, $"opening-{sender}")).Field("sendPoints");
        }

        // Every transfer is sent once while the silo is killed under it.
        var first = new TransferLoad(_silo, merchant.ApiKey);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2.5));
        var load = first.RunAsync(Enumerable.Range(0, Transfers).ToList(), deadline.Token);
        while (first.Completed.Count < KillAfter)
        {
            await Task.Delay(10, deadline.Token);
        }

        _silo.Kill();
        await load;
        var cutShort = Enumerable.Range(0, Transfers).Where(i => !first.Completed.ContainsKey(i)).ToList();
        await _silo.StartAsync(TimeSpan.FromMinutes(2));

        // Clients retry the even-numbered transfers that were cut short, and the reminders must finish the others.
        var retried = cutShort.Where(i => i % 2 == 0).ToList();
        var second = new TransferLoad(_silo, merchant.ApiKey) { RetryUntilCompleted = true };
        await second.RunAsync(retried, deadline.Token);
        await WaitForRemindersAsync(deadline.Token);

        var entries = await CountEntriesAsync(merchant.Id);
        int finishedByReminder = cutShort.Count(i => i % 2 == 1 && entries.GetValueOrDefault(i).In == 1);
        long ledgerTotal = await _database.QueryScalarAsync<long>(
            "SELECT coalesce(sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1", merchant.Id);
        long balanceTotal = await LatestBalancesAsync(merchant.Id);
        output.WriteLine(
            $"transfers {Transfers}, completed before the kill {first.Completed.Count}, cut short {cutShort.Count}, "
            + $"retried by clients {retried.Count}, finished by reminders {finishedByReminder}, "
            + $"debits {entries.Values.Sum(e => e.Out)}, credits {entries.Values.Sum(e => e.In)}");

        Assert.NotEmpty(cutShort);
        Assert.True(second.Errors.IsEmpty, $"Retries failed: {string.Join("; ", second.Errors.Take(5))}");
        Assert.Equal(retried.Count, second.Completed.Count);
        foreach (int transfer in Enumerable.Range(0, Transfers))
        {
            var (debits, credits) = entries.GetValueOrDefault(transfer);
            Assert.True(debits <= 1, $"Transfer {transfer} debited {debits} times.");
            Assert.True(credits == debits, $"Transfer {transfer}: {debits} debits, {credits} credits.");
        }

        foreach (int transfer in first.Completed.Keys.Concat(retried))
        {
            Assert.Equal((1, 1), entries.GetValueOrDefault(transfer));
        }

        Assert.Equal(Senders * OpeningPoints, ledgerTotal);
        Assert.Equal(ledgerTotal, balanceTotal);
    }

    [Fact]
    public async Task KillSilo_MidExpiryRun_EachLotExpiresOnce()
    {
        await _silo.StartAsync(TimeSpan.FromMinutes(2));
        using var client = new GraphQLClient(_silo.BaseAddress);
        TestMerchant merchant = await TestMerchant.CreateAsync(client, "10.00", null);

        // The lots are written straight into the ledger, as earlier credits whose last valid day
        // ended yesterday: through the API a credit that is already past its date expires at once,
        // and the silo's clock cannot be moved.
        await _database.ExecuteAsync("""
            WITH seeded AS (
                INSERT INTO point_ledger (merchant_id, phone, seq, kind, points, balance_after, lifetime_after,
                    amount, spend_per_point, receipt_number, idempotency_key, actor, occurred_at, expires_on, expires_at)
                SELECT $1, '+6681' || lpad(i::text, 7, '0'), 1, 'EARN', 10 + i % 7, 10 + i % 7, 10 + i % 7,
                    100.00, 10.00, 'X-' || i, 'seed-' || i, 'seed', now() - interval '13 months',
                    (now() AT TIME ZONE 'Asia/Bangkok')::date - 1,
                    date_trunc('day', now() AT TIME ZONE 'Asia/Bangkok') AT TIME ZONE 'Asia/Bangkok'
                FROM generate_series(1, $2) AS i
                RETURNING merchant_id, phone, recorded_at)
            INSERT INTO member (merchant_id, phone, status, created_at)
            SELECT merchant_id, phone, 'PENDING_SIGN_UP', recorded_at FROM seeded
            """, merchant.Id, ExpiringMembers);
        long seededPoints = await _database.QueryScalarAsync<long>(
            "SELECT sum(points)::bigint FROM point_ledger WHERE merchant_id = $1", merchant.Id);

        // Setting a policy registers the merchant's expiry reminder, whose first run starts 2 s later.
        (await client.PostAsync("mutation { setExpiryPolicy(input: {kind: ROLLING, months: 12}) { id } }",
            null, merchant.OwnerToken)).Field("setExpiryPolicy");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2.5));
        long expiredAtKill;
        while ((expiredAtKill = await CountExpireEntriesAsync(merchant.Id)) == 0)
        {
            await Task.Delay(10, deadline.Token);
        }

        _silo.Kill();
        await _silo.StartAsync(TimeSpan.FromMinutes(2));

        // The run after the restart calls every member again, because the killed run never
        // recorded its end. Members whose lots already expired write nothing.
        long expired;
        while ((expired = await CountExpireEntriesAsync(merchant.Id)) < ExpiringMembers)
        {
            await Task.Delay(250, deadline.Token);
        }

        long lotsExpiredTwice = await _database.QueryScalarAsync<long>("""
            SELECT count(*) FROM (
                SELECT reverses_entry_id FROM point_ledger WHERE merchant_id = $1 AND kind = 'EXPIRE'
                GROUP BY reverses_entry_id HAVING count(*) > 1) twice
            """, merchant.Id);
        long expiredPoints = await _database.QueryScalarAsync<long>(
            "SELECT coalesce(-sum(points), 0)::bigint FROM point_ledger WHERE merchant_id = $1 AND kind = 'EXPIRE'",
            merchant.Id);
        long balances = await LatestBalancesAsync(merchant.Id);
        output.WriteLine(
            $"lots due {ExpiringMembers}, EXPIRE entries at the kill {expiredAtKill}, after the restart {expired}, "
            + $"lots expired twice {lotsExpiredTwice}, points expired {expiredPoints} of {seededPoints}");

        Assert.True(expiredAtKill < ExpiringMembers, "The run had finished before the kill.");
        Assert.Equal(ExpiringMembers, expired);
        Assert.Equal(0, lotsExpiredTwice);
        Assert.Equal(seededPoints, expiredPoints);
        Assert.Equal(0, balances);
    }

    private Task<long> CountExpireEntriesAsync(Guid merchantId) => _database.QueryScalarAsync<long>(
        "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'EXPIRE'", merchantId);

    /// <summary>Waits until no transfer has a resume reminder, which its end removes.</summary>
    private async Task WaitForRemindersAsync(CancellationToken cancellationToken)
    {
        while (await _database.QueryScalarAsync<long>(
            "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'resume-transfer'") > 0)
        {
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>Counts the TRANSFER_OUT and TRANSFER_IN entries of each transfer, by its number.</summary>
    private async Task<Dictionary<int, (int Out, int In)>> CountEntriesAsync(Guid merchantId)
    {
        var counts = new Dictionary<int, (int Out, int In)>();
        await using var command = _database.DataSource.CreateCommand("""
            SELECT idempotency_key, kind FROM point_ledger
            WHERE merchant_id = $1 AND kind IN ('TRANSFER_OUT', 'TRANSFER_IN')
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = merchantId });
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string key = reader.GetString(0);
            int transfer = int.Parse(key["crash-transfer-".Length..key.LastIndexOf('/')], System.Globalization.CultureInfo.InvariantCulture);
            var (debits, credits) = counts.GetValueOrDefault(transfer);
            counts[transfer] = reader.GetString(1) == "TRANSFER_OUT" ? (debits + 1, credits) : (debits, credits + 1);
        }

        return counts;
    }

    private Task<long> LatestBalancesAsync(Guid merchantId) => _database.QueryScalarAsync<long>("""
        SELECT coalesce(sum(balance_after), 0)::bigint FROM (
            SELECT DISTINCT ON (phone) balance_after FROM point_ledger
            WHERE merchant_id = $1 ORDER BY phone, seq DESC) latest
        """, merchantId);

    private static string SenderPhone(int sender) => $"081{sender:0000000}";

    private static string ReceiverPhone(int transfer) => $"082{transfer % 97:0000000}";

    /// <summary>
    /// Clients that send each transfer once, or, with <see cref="RetryUntilCompleted"/>, until its
    /// status is COMPLETED, with the same body after UNAVAILABLE, HTTP 5xx, a network error or PENDING.
    /// </summary>
    private sealed class TransferLoad(SiloProcess silo, string apiKey)
    {
        private static readonly TimeSpan RetryFor = TimeSpan.FromMinutes(1);
        private int _next = -1;

        public bool RetryUntilCompleted { get; init; }

        public ConcurrentDictionary<int, bool> Completed { get; } = new();

        public ConcurrentQueue<string> Errors { get; } = new();

        public async Task RunAsync(IReadOnlyList<int> transfers, CancellationToken cancellationToken)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
            {
                int index;
                while ((index = Interlocked.Increment(ref _next)) < transfers.Count)
                {
                    await SendAsync(http, transfers[index], cancellationToken);
                }
            }));
        }

        private async Task SendAsync(HttpClient http, int transfer, CancellationToken cancellationToken)
        {
            string body = JsonSerializer.Serialize(new
            {
                query = Transfer,
                variables = new
                {
                    input = new
                    {
                        fromPhone = SenderPhone(transfer % Senders),
                        toPhone = ReceiverPhone(transfer),
                        points = 1 + transfer % 7,
                        idempotencyKey = $"crash-transfer-{transfer}",
                    },
                },
            });
            var started = DateTime.UtcNow;
            for (int attempt = 0; ; attempt++)
            {
                string? failure = await TryOnceAsync(http, body, transfer, cancellationToken);
                if (failure is null || !RetryUntilCompleted)
                {
                    return;
                }

                if (failure.StartsWith("final:", StringComparison.Ordinal) || DateTime.UtcNow - started > RetryFor)
                {
                    Errors.Enqueue($"transfer {transfer}: {failure}");
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 << Math.Min(attempt, 5))), cancellationToken);
            }
        }

        /// <summary>Returns null when completed, or why not, prefixed "final:" when a retry cannot help.</summary>
        private async Task<string?> TryOnceAsync(HttpClient http, string body, int transfer, CancellationToken cancellationToken)
        {
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri(silo.BaseAddress, "graphql"), content, cancellationToken);
                string text = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode >= 500)
                {
                    return $"HTTP {(int)response.StatusCode}";
                }

                var json = JsonNode.Parse(text);
                if (json?["errors"] is JsonArray { Count: > 0 } errors)
                {
                    string? code = errors[0]?["extensions"]?["code"]?.GetValue<string>();
                    return code == "UNAVAILABLE" ? code : $"final: {errors.ToJsonString()}";
                }

                string status = json!["data"]!["transferPoints"]!["status"]!.GetValue<string>();
                if (status != "COMPLETED")
                {
                    return status;
                }

                Completed[transfer] = true;
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
