using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Live;

/// <summary>
/// The per-silo feed of committed ledger entries, read from the ledger table behind a watermark.
/// </summary>
/// <remarks>
/// Entry ids come from a sequence when a row is inserted, but transactions commit in another
/// order: a flush that drew id 7 can commit before one that drew id 5. A reader that took 7 and
/// resumed after it would never see 5. So the feed publishes an id only once every transaction
/// that could hold a lower id has ended:
/// <list type="number">
/// <item>A poll reads the sequence's last value s. The ledger writer assigns its transaction id
/// before it draws entry ids, so every transaction with an id up to s already had a
/// transaction id.</item>
/// <item>The same statement then takes a transaction id u of its own, which is above all of
/// those. (A snapshot's xmax is no such bound: it is one past the last completed transaction,
/// and running transactions above it are left out of the snapshot.)</item>
/// <item>Once a later snapshot's xmin reaches u, every transaction below u has committed or
/// rolled back, and every committed entry up to s is visible: s becomes the watermark.</item>
/// </list>
/// This works across silos because it relies only on PostgreSQL. A poll takes a transaction id
/// only when the sequence moved, so an idle ledger uses none; under steady load the watermark
/// trails the commits by one or two polls.
/// NOTE: xmin is cluster-wide, so a long transaction in any database of the same PostgreSQL
/// server holds the watermark back until it ends.
/// </remarks>
public sealed partial class LedgerFeed(
    NpgsqlDataSource dataSource,
    IOptions<LedgerFeedOptions> options,
    ILogger<LedgerFeed> logger)
    : BackgroundService, ILedgerFeed, ILedgerCommitObserver
{
    // OFFSET 0 keeps the subquery from being flattened, so the sequence is read once and before
    // the transaction id is taken.
    private const string PollSql = """
        SELECT last_value,
               pg_snapshot_xmin(pg_current_snapshot())::text::numeric,
               CASE WHEN last_value > $1 THEN pg_current_xact_id()::text::numeric END
        FROM (SELECT coalesce(pg_sequence_last_value(
                  pg_get_serial_sequence('point_ledger', 'entry_id')::regclass), 0) AS last_value
              OFFSET 0) AS sequence_state
        """;

    private const string ReadAllSql = $"""
        SELECT {LedgerEventReader.Columns} FROM point_ledger
        WHERE entry_id > $1 AND entry_id <= $2
        ORDER BY entry_id
        LIMIT $3
        """;

    private const string ReadMerchantSql = $"""
        SELECT {LedgerEventReader.Columns} FROM point_ledger
        WHERE merchant_id = $1 AND entry_id > $2 AND entry_id <= $3
        ORDER BY entry_id
        LIMIT $4
        """;

    private readonly LedgerFeedOptions _options = options.Value;
    private readonly Lock _observersLock = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Queue<(long LastValue, decimal RequiredXmin)> _candidates = new();
    private ImmutableObservers _observers = ImmutableObservers.Empty;
    private long _watermark = -1;
    private long _lastValueCovered = -1;

    public long Watermark => Volatile.Read(ref _watermark);

    public Task WhenReadyAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public IDisposable Subscribe(Action<LedgerEventBatch> observer)
    {
        lock (_observersLock)
        {
            _observers = _observers.Add(observer);
        }

        return new Subscription(this, observer);
    }

    public async Task<IReadOnlyList<LedgerEvent>> ReadAsync(
        Guid merchantId, long afterSequence, long throughSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadMerchantSql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = afterSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = throughSequence });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        return await LedgerEventReader.ReadAllAsync(command, cancellationToken);
    }

    public void OnCommitted(int rows)
    {
        // A full semaphore means a poll is already due.
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool busy;
            try
            {
                busy = await PollAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                LogPollFailed(exception);
                busy = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                if (busy)
                {
                    await Task.Delay(_options.BusyPollInterval, stoppingToken);
                }
                else
                {
                    await _wake.WaitAsync(_options.IdlePollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads the watermark and publishes what it uncovers; true while entries wait.</summary>
    private async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        long lastValue;
        decimal xmin;
        decimal? bound;
        await using (var command = dataSource.CreateCommand(PollSql))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _lastValueCovered });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            lastValue = reader.GetInt64(0);
            xmin = reader.GetDecimal(1);
            bound = reader.IsDBNull(2) ? null : reader.GetDecimal(2);
        }

        // This poll's snapshot was taken before its own transaction id, so it can only settle
        // candidates of earlier polls.
        long safe = -1;
        while (_candidates.TryPeek(out var candidate) && candidate.RequiredXmin <= xmin)
        {
            safe = Math.Max(safe, _candidates.Dequeue().LastValue);
        }

        if (bound is decimal transactionId)
        {
            _candidates.Enqueue((lastValue, transactionId));
            _lastValueCovered = lastValue;
        }

        if (safe >= 0)
        {
            await AdvanceAsync(safe, cancellationToken);
        }

        return _candidates.Count > 0;
    }

    private async Task AdvanceAsync(long safe, CancellationToken cancellationToken)
    {
        long watermark = Watermark;
        if (watermark < 0)
        {
            // No consumer can ask for entries before the first watermark, so there is nothing to publish.
            Volatile.Write(ref _watermark, safe);
            _ready.TrySetResult();
            return;
        }

        while (watermark < safe)
        {
            await using var command = dataSource.CreateCommand(ReadAllSql);
            command.Parameters.Add(new NpgsqlParameter { Value = watermark });
            command.Parameters.Add(new NpgsqlParameter { Value = safe });
            command.Parameters.Add(new NpgsqlParameter { Value = _options.ReadBatchSize });
            var events = await LedgerEventReader.ReadAllAsync(command, cancellationToken);
            long through = events.Count == _options.ReadBatchSize ? events[^1].Sequence : safe;
            var batch = new LedgerEventBatch(watermark, through, events);
            Volatile.Write(ref _watermark, through);
            Publish(batch);
            watermark = through;
        }
    }

    private void Publish(LedgerEventBatch batch)
    {
        foreach (var observer in _observers.Items)
        {
            try
            {
                observer(batch);
            }
            catch (Exception exception)
            {
                LogObserverFailed(exception, batch.ThroughSequence);
            }
        }
    }

    private void Unsubscribe(Action<LedgerEventBatch> observer)
    {
        lock (_observersLock)
        {
            _observers = _observers.Remove(observer);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Reading the ledger feed's watermark failed; retrying")]
    private partial void LogPollFailed(Exception exception);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error,
        Message = "A ledger feed observer failed on the batch through sequence {Sequence}")]
    private partial void LogObserverFailed(Exception exception, long sequence);

    private sealed class Subscription(LedgerFeed feed, Action<LedgerEventBatch> observer) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(observer);
    }

    /// <summary>A copy-on-write list, so publishing needs no lock.</summary>
    private sealed record ImmutableObservers(Action<LedgerEventBatch>[] Items)
    {
        public static readonly ImmutableObservers Empty = new([]);

        public ImmutableObservers Add(Action<LedgerEventBatch> observer) => new([.. Items, observer]);

        public ImmutableObservers Remove(Action<LedgerEventBatch> observer) =>
            new(Items.Where(item => item != observer).ToArray());
    }
}
