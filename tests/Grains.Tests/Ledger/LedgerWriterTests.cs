using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Tests.Infrastructure;

namespace Pointspot.Grains.Tests.Ledger;

/// <summary>The group commit on its own, writing to the cluster fixture's database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LedgerWriterTests(PointspotClusterFixture fixture)
{
    [Fact]
    public async Task Append_ManyMembersInParallel_CommitsEach()
    {
        var merchantId = Guid.NewGuid();
        await using var writer = NewWriter(concurrentFlushes: 4);

        AppendOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(i => writer.AppendAsync(SendRow(merchantId, $"+66810000{i:D3}", sequence: 1, $"key-{i}"))));

        Assert.All(outcomes, outcome => Assert.True(outcome.Committed));
        Assert.Equal(200, outcomes.Select(outcome => outcome.EntryId).Distinct().Count());
        long rows = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1", merchantId);
        long members = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM member WHERE merchant_id = $1", merchantId);
        Assert.Equal(200, rows);
        Assert.Equal(200, members);
    }

    [Fact]
    public async Task Append_SameKeyInParallel_CommitsOne()
    {
        var merchantId = Guid.NewGuid();
        await using var writer = NewWriter(concurrentFlushes: 1);

        AppendOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => writer.AppendAsync(SendRow(merchantId, $"+66820000{i:D3}", sequence: 1, "one-key"))));

        Assert.Single(outcomes, outcome => outcome.Committed);
        Assert.Equal(19, outcomes.Count(outcome => !outcome.Committed));
    }

    [Fact]
    public async Task Append_OneUnwritableRow_OthersCommit()
    {
        var merchantId = Guid.NewGuid();
        await using var writer = NewWriter(concurrentFlushes: 1);

        // An open transaction has inserted entry 1 of the first member, so the writer's first batch
        // waits for it, and the next two rows queue up into one batch behind it.
        await using var blocker = await fixture.Database.DataSource.OpenConnectionAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var insert = blocker.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO point_ledger (merchant_id, phone, seq, kind, points, balance_after, lifetime_after,
                                          reason, idempotency_key, actor, occurred_at)
                VALUES ($1, '+66831111111', 1, 'SEND', 1, 1, 1, 'held', 'blocker', 'test', now())
                """;
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = merchantId });
            await insert.ExecuteNonQueryAsync();
        }

        Task<AppendOutcome> first = writer.AppendAsync(SendRow(merchantId, "+66831111111", 1, "key-first"));
        await WaitForLockWaitAsync();

        // A lone UTF-16 surrogate cannot be encoded as UTF-8, so PostgreSQL never receives this row.
        Task<AppendOutcome> unwritable = writer.AppendAsync(
            SendRow(merchantId, "+66832222222", 1, "key-unwritable") with { Reason = "gift \uD800" });
        Task<AppendOutcome> innocent = writer.AppendAsync(SendRow(merchantId, "+66833333333", 1, "key-innocent"));
        await transaction.RollbackAsync();

        AppendOutcome firstOutcome = await first;
        Exception? unwritableError = await Record.ExceptionAsync(() => unwritable);
        Exception? innocentError = await Record.ExceptionAsync(() => innocent);

        Assert.True(firstOutcome.Committed);
        Assert.IsType<LedgerUnavailableException>(unwritableError);
        Assert.Null(innocentError);
        Assert.True((await innocent).Committed);
    }

    [Fact]
    public async Task Metrics_RepeatedKey_CountsCommittedByKind()
    {
        var merchantId = Guid.NewGuid();
        var metrics = NewMetrics();
        var entries = new Dictionary<string, long>();
        var batchSizes = new List<int>();
        var durations = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            // Only this writer's meter: other tests' writers run in the same process.
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (entries)
            {
                string kind = (string)tags[0].Value!;
                entries[kind] = entries.GetValueOrDefault(kind) + value;
            }
        });
        listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            lock (batchSizes)
            {
                batchSizes.Add(value);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (durations)
            {
                durations.Add(value);
            }
        });
        listener.Start();
        await using var writer = NewWriter(concurrentFlushes: 1, metrics);

        AppendOutcome send = await writer.AppendAsync(SendRow(merchantId, "+66840000001", 1, "metrics-send"));
        AppendOutcome repeat = await writer.AppendAsync(SendRow(merchantId, "+66840000002", 1, "metrics-send"));
        AppendOutcome pull = await writer.AppendAsync(
            SendRow(merchantId, "+66840000001", 2, "metrics-pull") with { Kind = LedgerEntryKind.Pull, Points = -2 });

        Assert.True(send.Committed);
        Assert.False(repeat.Committed);
        Assert.True(pull.Committed);
        Assert.Equal(new Dictionary<string, long> { ["SEND"] = 1, ["PULL"] = 1 }, entries);
        Assert.Equal([1, 1, 1], batchSizes);
        Assert.Equal(3, durations.Count);
        Assert.All(durations, seconds => Assert.True(seconds > 0, $"flush duration {seconds} s"));
    }

    private LedgerWriter NewWriter(int concurrentFlushes, LedgerMetrics? metrics = null) => new(
        fixture.Database.DataSource,
        Options.Create(new LedgerWriterOptions { ConcurrentFlushes = concurrentFlushes }),
        metrics ?? NewMetrics(),
        NullLogger<LedgerWriter>.Instance);

    private static LedgerMetrics NewMetrics() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    private static LedgerRow SendRow(Guid merchantId, string phone, long sequence, string idempotencyKey) => new(
        merchantId, phone, sequence, LedgerEntryKind.Send, 5, 5, 5, null, null, null, "goodwill", idempotencyKey,
        "staff:test", DateTimeOffset.UtcNow);

    /// <summary>Waits until a backend of the test database waits for a row lock.</summary>
    private async Task WaitForLockWaitAsync()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            long waiting = await fixture.Database.QueryScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        Assert.Fail("The ledger writer's first batch never waited for the held entry.");
    }
}
