using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// The per-silo group commit of the points ledger. Member grains hand their rows to a queue;
/// each flush takes every row waiting (up to <see cref="LedgerWriterOptions.MaxBatchSize"/>),
/// inserts them in one statement and completes each caller after the commit. A batch forms while
/// the previous one commits, so no timer delays a lone request, and a member grain only ever
/// waits for its own row.
/// </summary>
public sealed partial class LedgerWriter : ILedgerWriter, IAsyncDisposable
{
    // ON CONFLICT DO NOTHING skips a row that repeats an idempotency key, an earning receipt or a
    // member sequence, whether the other row is already stored or sits in the same batch. The
    // NOT EXISTS skips an EARN of a receipt that another member paid with points, because refunds
    // and voids expect a receipt's EARN and PAY entries to belong to one member. The caller of a
    // skipped row learns it from the absence of its key in RETURNING.
    // NOTE: an EARN and another member's PAY of one receipt that commit in the same moment can
    // both pass. payWithPoints checks the other direction before it writes.
    // pg_current_xact_id() in the filter gives the transaction its id before the first entry id
    // is drawn: the filter runs before the projection that computes the identity default. The
    // ledger feed relies on this to know which entry ids a running transaction may still hold.
    private const string InsertSql = """
        WITH input AS (
            SELECT * FROM unnest(
                $1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[],
                $7::bigint[], $8::numeric[], $9::numeric[], $10::text[], $11::text[], $12::text[],
                $13::text[], $14::timestamptz[], $15::date[], $16::timestamptz[], $17::bigint[],
                $18::numeric[], $19::bigint[])
            AS t(merchant_id, phone, seq, kind, points, balance_after, lifetime_after, amount,
                 spend_per_point, receipt_number, reason, idempotency_key, actor, occurred_at,
                 expires_on, expires_at, reverses_entry_id, point_value, shortfall_points)
        ), inserted AS (
            INSERT INTO point_ledger (merchant_id, phone, seq, kind, points, balance_after,
                lifetime_after, amount, spend_per_point, receipt_number, reason, idempotency_key,
                actor, occurred_at, expires_on, expires_at, reverses_entry_id, point_value,
                shortfall_points)
            SELECT * FROM input i
            WHERE pg_current_xact_id() IS NOT NULL AND (i.kind <> 'EARN' OR NOT EXISTS (
                SELECT 1 FROM point_ledger paid
                WHERE paid.merchant_id = i.merchant_id AND paid.kind = 'PAY'
                  AND paid.receipt_number = i.receipt_number AND paid.phone <> i.phone))
            ON CONFLICT DO NOTHING
            RETURNING entry_id, merchant_id, phone, seq, idempotency_key, recorded_at
        ), new_members AS (
            INSERT INTO member (merchant_id, phone, status, created_at)
            SELECT merchant_id, phone, 'PENDING_SIGN_UP', recorded_at FROM inserted WHERE seq = 1
            ON CONFLICT DO NOTHING
        )
        SELECT entry_id, merchant_id, idempotency_key, phone, seq, recorded_at FROM inserted
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<LedgerWriter> _logger;
    private readonly LedgerWriterOptions _options;
    private readonly LedgerMetrics _metrics;
    private readonly Channel<PendingAppend> _queue;
    private readonly Task[] _flushLoops;
    private readonly ILedgerCommitObserver[] _commitObservers;

    public LedgerWriter(
        NpgsqlDataSource dataSource,
        IOptions<LedgerWriterOptions> options,
        LedgerMetrics metrics,
        ILogger<LedgerWriter> logger,
        IEnumerable<ILedgerCommitObserver>? commitObservers = null)
    {
        _commitObservers = commitObservers?.ToArray() ?? [];
        _dataSource = dataSource;
        _logger = logger;
        _options = options.Value;
        _metrics = metrics;
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        _flushLoops = Enumerable.Range(0, Math.Max(1, _options.ConcurrentFlushes))
            .Select(_ => Task.Run(FlushLoopAsync))
            .ToArray();
    }

    public async Task<AppendOutcome> AppendAsync(LedgerRow row, CancellationToken cancellationToken = default)
    {
        var pending = new PendingAppend(row);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_flushLoops);
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingAppend>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        await using var connection = new FlushConnection(_dataSource);

        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (batch.Count > 0)
            {
                await FlushAsync(connection, batch);
            }
        }
    }

    private async Task FlushAsync(FlushConnection connection, List<PendingAppend> batch)
    {
        try
        {
            long flushStarted = _metrics.StartFlush();
            var committed = await InsertAsync(connection, batch);
            _metrics.RecordFlush(flushStarted, batch.Count);
            bool countEntries = _metrics.CountsEntries;
            foreach (var pending in batch)
            {
                var row = pending.Row;
                var key = (row.MerchantId, row.IdempotencyKey, row.Phone, row.Sequence);
                bool written = committed.TryGetValue(key, out var outcome);
                if (written && countEntries)
                {
                    _metrics.RecordCommitted(row.Kind);
                }

                pending.Completion.TrySetResult(written ? outcome : AppendOutcome.Conflict);
            }

            LogFlushed(batch.Count, committed.Count);
            if (committed.Count > 0)
            {
                foreach (var observer in _commitObservers)
                {
                    observer.OnCommitted(committed.Count);
                }
            }
        }
        catch (Exception exception) when (batch.Count > 1 && IsRejectedBatch(exception))
        {
            // Nothing of the batch was committed. Writing each row on its own keeps one
            // unwritable row from failing the purchases of other members.
            LogBatchSplit(exception, batch.Count);
            await connection.ResetAsync();
            foreach (var pending in batch)
            {
                await FlushAsync(connection, [pending]);
            }
        }
        catch (Exception exception)
        {
            // The commit may or may not have happened: callers must re-read the ledger before
            // they trust their cached state, and clients retry with the same idempotency key.
            // The connection may be broken, so the next flush opens a new one.
            await connection.ResetAsync();
            LogFlushFailed(exception, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(
                    new LedgerUnavailableException("The points ledger could not be written.", exception));
            }
        }
    }

    private static async Task<Dictionary<(Guid, string, string, long), AppendOutcome>> InsertAsync(
        FlushConnection connection, List<PendingAppend> batch)
    {
        int count = batch.Count;
        var merchantIds = new Guid[count];
        var phones = new string[count];
        var sequences = new long[count];
        var kinds = new string[count];
        var points = new long[count];
        var balances = new long[count];
        var lifetimes = new long[count];
        var amounts = new decimal?[count];
        var rates = new decimal?[count];
        var receipts = new string?[count];
        var reasons = new string?[count];
        var keys = new string[count];
        var actors = new string[count];
        var occurredAt = new DateTime[count];
        var expiresOn = new DateOnly?[count];
        var expiresAt = new DateTime?[count];
        var reverses = new long?[count];
        var pointValues = new decimal?[count];
        var shortfalls = new long?[count];

        for (int i = 0; i < count; i++)
        {
            var row = batch[i].Row;
            merchantIds[i] = row.MerchantId;
            phones[i] = row.Phone;
            sequences[i] = row.Sequence;
            kinds[i] = row.Kind.ToDatabase();
            points[i] = row.Points;
            balances[i] = row.BalanceAfter;
            lifetimes[i] = row.LifetimeAfter;
            amounts[i] = row.Amount;
            rates[i] = row.SpendPerPoint;
            receipts[i] = row.ReceiptNumber;
            reasons[i] = row.Reason;
            keys[i] = row.IdempotencyKey;
            actors[i] = row.Actor;
            occurredAt[i] = row.OccurredAt.UtcDateTime;
            expiresOn[i] = row.ExpiresOn;
            expiresAt[i] = row.ExpiresAt?.UtcDateTime;
            reverses[i] = row.ReversesEntryId;
            pointValues[i] = row.PointValue;
            shortfalls[i] = row.ShortfallPoints;
        }

        var command = await connection.GetCommandAsync(InsertSql, CreateInsertParameters);
        var values = new object[]
        {
            merchantIds, phones, sequences, kinds, points, balances, lifetimes, amounts, rates, receipts,
            reasons, keys, actors, occurredAt, expiresOn, expiresAt, reverses, pointValues, shortfalls,
        };
        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        // One statement in its own implicit transaction: the rows of the batch and the pending
        // members they create commit together. PostgreSQL commits at the end of the statement,
        // before it reports ready for the next one, and no caller is completed before the reader
        // has read that far. Rows are matched back by key, phone and sequence, because two
        // members may send the same idempotency key in one batch and only one of them is inserted.
        var committed = new Dictionary<(Guid, string, string, long), AppendOutcome>(count);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                long entryId = reader.GetInt64(0);
                Guid merchantId = reader.GetGuid(1);
                string key = reader.GetString(2);
                string phone = reader.GetString(3);
                long sequence = reader.GetInt64(4);
                var recordedAt = new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero);
                committed[(merchantId, key, phone, sequence)] = new AppendOutcome(true, entryId, recordedAt);
            }

            // Reads on to the end of the statement, where an error of the commit would surface.
            while (await reader.NextResultAsync())
            {
            }
        }

        return committed;
    }

    private static NpgsqlParameter[] CreateInsertParameters() =>
    [
        ArrayOf(NpgsqlDbType.Uuid), ArrayOf(NpgsqlDbType.Text), ArrayOf(NpgsqlDbType.Bigint), ArrayOf(NpgsqlDbType.Text),
        ArrayOf(NpgsqlDbType.Bigint), ArrayOf(NpgsqlDbType.Bigint), ArrayOf(NpgsqlDbType.Bigint),
        ArrayOf(NpgsqlDbType.Numeric), ArrayOf(NpgsqlDbType.Numeric), ArrayOf(NpgsqlDbType.Text),
        ArrayOf(NpgsqlDbType.Text), ArrayOf(NpgsqlDbType.Text), ArrayOf(NpgsqlDbType.Text),
        ArrayOf(NpgsqlDbType.TimestampTz), ArrayOf(NpgsqlDbType.Date), ArrayOf(NpgsqlDbType.TimestampTz),
        ArrayOf(NpgsqlDbType.Bigint), ArrayOf(NpgsqlDbType.Numeric), ArrayOf(NpgsqlDbType.Bigint),
    ];

    private static NpgsqlParameter ArrayOf(NpgsqlDbType elementType) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | elementType };

    [LoggerMessage(EventId = 1001, Level = LogLevel.Trace, Message = "Ledger flush wrote {Inserted} of {BatchSize} rows")]
    private partial void LogFlushed(int batchSize, int inserted);

    /// <summary>
    /// Tells a batch that certainly did not commit: PostgreSQL reported an error, or Npgsql could
    /// not encode a value (such as half of a surrogate pair) and sent nothing.
    /// </summary>
    private static bool IsRejectedBatch(Exception exception) =>
        exception is PostgresException or ArgumentException or InvalidCastException;

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning,
        Message = "A ledger batch of {BatchSize} rows was rejected; writing its rows one at a time")]
    private partial void LogBatchSplit(Exception exception, int batchSize);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Ledger flush of {BatchSize} rows failed")]
    private partial void LogFlushFailed(Exception exception, int batchSize);

    private sealed class PendingAppend(LedgerRow row)
    {
        public LedgerRow Row { get; } = row;

        public TaskCompletionSource<AppendOutcome> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>The ledger could not be written or read; the outcome of the write is unknown.</summary>
public sealed class LedgerUnavailableException(string message, Exception inner) : Exception(message, inner);
