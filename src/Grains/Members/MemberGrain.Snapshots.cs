using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Cards;
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
        string timeZone = (await GetMerchantSettingsAsync())?.TimeZone ?? "UTC";
        var restored = FromHistory(history, timeZone);
        if (restored is { } state && state.Lots.Balance == _state.Balance)
        {
            (_lots, _card) = state;
            _snapshotSequence = history.Snapshot?.Sequence ?? 0;
        }
        else
        {
            // A snapshot that does not lead to the ledger's balance is not trusted: replay all.
            if (restored is { } mismatched)
            {
                LogSnapshotMismatch(_merchantId, history.Snapshot?.Sequence ?? 0, _state.Balance, mismatched.Lots.Balance);
            }

            _lots = LotBook.Rebuild(await ledgerReader.ReadLotEntriesAsync(_merchantId, _phone.E164));
            _card = await LoadCardAsync();
            _snapshotSequence = 0;
        }

        _stateIsStale = false;
        if (_lots.Balance != _state.Balance)
        {
            LogLotsMismatch(_merchantId, _state.Sequence, _state.Balance, _lots.Balance);
        }
    }

    /// <summary>
    /// Rebuilds the lots and card totals from the snapshot and the entries after it, or from all
    /// entries when there is no snapshot. Returns null when the snapshot cannot be used.
    /// </summary>
    private (LotBook Lots, CardProgress Card)? FromHistory(MemberHistory history, string timeZone)
    {
        LotBook lots;
        CardProgress card;
        if (history.Snapshot is not { } stored)
        {
            lots = new LotBook();
            card = CardProgress.Empty;
        }
        else if (stored.Format != MemberSnapshot.Format)
        {
            LogSnapshotUnusable(_merchantId, stored.Sequence, $"its format {stored.Format} is not {MemberSnapshot.Format}");
            return null;
        }
        else
        {
            try
            {
                var snapshot = MemberSnapshot.FromJson(stored.Json);
                lots = LotBook.FromSnapshot(snapshot.Lots);
                card = snapshot.Card.ToProgress();
            }
            catch (Exception exception) when (exception is JsonException or InvalidOperationException)
            {
                LogSnapshotUnusable(_merchantId, stored.Sequence, exception.Message);
                return null;
            }

            if (lots.Balance != stored.Balance)
            {
                LogSnapshotUnusable(_merchantId, stored.Sequence,
                    $"its lots hold {lots.Balance} points, not its balance {stored.Balance}");
                return null;
            }
        }

        try
        {
            foreach (var entry in history.Entries)
            {
                lots.Apply(entry.Lot);
                card = card.Apply(entry.Lot.Kind, entry.Lot.Points, entry.Amount,
                    CardEntryReader.LocalYear(entry.OccurredAt, timeZone));
            }
        }
        catch (InvalidOperationException exception) when (history.Snapshot is not null)
        {
            LogSnapshotUnusable(_merchantId, history.Snapshot.Sequence, exception.Message);
            return null;
        }

        return (lots, card);
    }

    /// <summary>
    /// Stores the lots and card totals as of the entry just committed, without making the caller
    /// wait. The book in memory is replaced by the snapshot's, which drops the lots no later entry
    /// can touch. A failed write only means that the next activation replays more entries.
    /// </summary>
    private void StoreSnapshot(long sequence, long balance)
    {
        var lots = _lots.ToSnapshot();
        string json = new MemberSnapshot(lots, MemberSnapshot.CardState.From(_card)).ToJson();
        _lots = LotBook.FromSnapshot(lots);
        _snapshotSequence = sequence;
        Guid merchantId = _merchantId;
        string phone = _phone.E164;

        // Task.Run leaves the grain's scheduler, so the write does not hold up the member's next call.
        _ = Task.Run(async () =>
        {
            try
            {
                await snapshots.WriteAsync(merchantId, phone, sequence, balance, MemberSnapshot.Format, json);
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
