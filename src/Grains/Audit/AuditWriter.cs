using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Grains.Audit;

/// <summary>
/// The per-silo group commit of the audit log: entries queue while the previous batch commits,
/// and each flush inserts every waiting entry (up to <see cref="MaxBatchSize"/>) in one statement,
/// so auditing every collectPoints costs a fraction of a commit each.
/// </summary>
public sealed partial class AuditWriter : IAsyncDisposable
{
    public const int MaxBatchSize = 512;

    private const string InsertSql = """
        INSERT INTO audit_log (merchant_id, actor_kind, actor_id, role, action, target, details, remote_address)
        SELECT merchant_id, actor_kind, actor_id, role, action, target, details::jsonb, remote_address
        FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
            AS t(merchant_id, actor_kind, actor_id, role, action, target, details, remote_address)
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<PendingEntry> _queue = Channel.CreateBounded<PendingEntry>(
        new BoundedChannelOptions(16 * MaxBatchSize) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    private readonly Task _flushLoop;

    public AuditWriter(NpgsqlDataSource dataSource, ILogger<AuditWriter> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
        _flushLoop = Task.Run(FlushLoopAsync);
    }

    /// <summary>Queues one entry and returns after the batch that contains it is committed.</summary>
    public async Task AppendAsync(AuditEntry entry)
    {
        var pending = new PendingEntry(entry);
        await _queue.Writer.WriteAsync(pending);
        await pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _flushLoop;
    }

    private async Task FlushLoopAsync()
    {
        var batch = new List<PendingEntry>(MaxBatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await InsertAsync(batch);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetResult();
                }
            }
            catch (Exception exception)
            {
                LogFlushFailed(exception, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }

    private async Task InsertAsync(List<PendingEntry> batch)
    {
        var entries = batch.Select(pending => pending.Entry).ToList();
        await using var command = _dataSource.CreateCommand(InsertSql);
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.MerchantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => AuditEntry.KindName(e.ActorKind)).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.ActorId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Role).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Action).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Target).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Details).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.RemoteAddress).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    private sealed record PendingEntry(AuditEntry Entry)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "Writing {Count} audit log entries failed")]
    private partial void LogFlushFailed(Exception exception, int count);
}
