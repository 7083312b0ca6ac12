using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>Loading the member's state, and the snapshots that keep an activation short.</summary>
public sealed partial class MemberGrain
{
    private async Task EnsureStateAsync()
    {
        if (!_stateIsStale)
        {
            return;
        }

        _state = await ledgerReader.LoadMemberAsync(_merchantId, _phone.E164);
        var history = await snapshots.ReadAsync(_merchantId, _phone.E164);
        var lots = FromHistory(history);
        if (lots is null || lots.Balance != _state.Balance)
        {
            // A snapshot that does not lead to the ledger's balance is not trusted: replay all.
            if (lots is not null)
            {
                LogSnapshotMismatch(_merchantId, history.Snapshot?.Sequence ?? 0, _state.Balance, lots.Balance);
            }

            lots = LotBook.Rebuild(await ledgerReader.ReadLotEntriesAsync(_merchantId, _phone.E164));
            _snapshotSequence = 0;
        }
        else
        {
            _snapshotSequence = history.Snapshot?.Sequence ?? 0;
        }

        _lots = lots;
        _stateIsStale = false;
        if (_lots.Balance != _state.Balance)
        {
            LogLotsMismatch(_merchantId, _state.Sequence, _state.Balance, _lots.Balance);
        }
    }

    /// <summary>
    /// Rebuilds the lots from the snapshot and the entries after it, or from all entries when
    /// there is no snapshot. Returns null when the snapshot cannot be used.
    /// </summary>
    private LotBook? FromHistory(LotHistory history)
    {
        if (history.Snapshot is not { } stored)
        {
            return LotBook.Rebuild(history.Entries);
        }

        if (stored.Format != LotSnapshot.Format)
        {
            LogSnapshotUnusable(_merchantId, stored.Sequence, $"its format {stored.Format} is not {LotSnapshot.Format}");
            return null;
        }

        try
        {
            var book = LotBook.FromSnapshot(LotSnapshot.FromJson(stored.Json));
            if (book.Balance != stored.Balance)
            {
                LogSnapshotUnusable(_merchantId, stored.Sequence,
                    $"its lots hold {book.Balance} points, not its balance {stored.Balance}");
                return null;
            }

            foreach (var entry in history.Entries)
            {
                book.Apply(entry);
            }

            return book;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            LogSnapshotUnusable(_merchantId, stored.Sequence, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// Stores the lots as of the entry just committed, without making the caller wait. The book
    /// in memory is replaced by the snapshot's, which drops the lots no later entry can touch.
    /// A failed write only means that the next activation replays more entries.
    /// </summary>
    private void StoreSnapshot(long sequence, long balance)
    {
        var snapshot = _lots.ToSnapshot();
        _lots = LotBook.FromSnapshot(snapshot);
        _snapshotSequence = sequence;
        Guid merchantId = _merchantId;
        string phone = _phone.E164;

        // Task.Run leaves the grain's scheduler, so the write does not hold up the member's next call.
        _ = Task.Run(async () =>
        {
            try
            {
                await snapshots.WriteAsync(merchantId, phone, sequence, balance, snapshot);
            }
            catch (Exception exception)
            {
                // Nothing waits on this task, so every failure is logged here and dropped.
                LogSnapshotWriteFailed(exception, merchantId, sequence);
            }
        });
    }

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning,
        Message = "Snapshot at sequence {Sequence} of a member of merchant {MerchantId} not used because {Problem}. Replaying the whole history")]
    private partial void LogSnapshotUnusable(Guid merchantId, long sequence, string problem);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning,
        Message = "Snapshot at sequence {Sequence} of a member of merchant {MerchantId} leads to {LotPoints} points, not the ledger's {Balance}. Replaying the whole history")]
    private partial void LogSnapshotMismatch(Guid merchantId, long sequence, long balance, long lotPoints);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "Snapshot at sequence {Sequence} of a member of merchant {MerchantId} was not stored")]
    private partial void LogSnapshotWriteFailed(Exception exception, Guid merchantId, long sequence);
}
