using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>The member's side of a transfer: one debit or one credit, never a call to the other member.</summary>
public sealed partial class MemberGrain
{
    public async Task<PointsChangeResult> TransferOut(TransferPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesTransfer(earlier, LedgerEntryKind.TransferOut, command));
        }

        Func<StoredLedgerEntry, bool> matches = e => MatchesTransfer(e, LedgerEntryKind.TransferOut, command);
        if (await ExpireDueLotsAsync(settings) is { } expiryFailed)
        {
            return PointsChangeResult.Failed(expiryFailed.Code, expiryFailed.Message);
        }

        PointspotError? refusal = null;
        if (_state.Status is null)
        {
            refusal = new PointspotError(ErrorCodes.MemberNotFound,
                $"No member has phone number {_phone.National} at this merchant: there are no points to transfer.");
        }
        else if (_lots.Balance < command.Points)
        {
            refusal = new PointspotError(ErrorCodes.InsufficientPoints,
                $"Member {_phone.National} has {_lots.Balance} points, fewer than the {command.Points} to transfer: "
                + "transfer at most the balance.");
        }

        if (refusal is not null)
        {
            return await RejectAsync(refusal, command.IdempotencyKey, settings, matches);
        }

        var row = NewRow(LedgerEntryKind.TransferOut, -command.Points, command.IdempotencyKey,
            command.Actor.ToString(), clock.UtcNow) with { Reason = $"to {command.CounterpartPhone}" };
        return await AppendAsync(row, settings, matches);
    }

    public async Task<PointsChangeResult> TransferIn(TransferPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesTransfer(earlier, LedgerEntryKind.TransferIn, command));
        }

        Func<StoredLedgerEntry, bool> matches = e => MatchesTransfer(e, LedgerEntryKind.TransferIn, command);
        var noRoom = CheckRoom(command.Points);
        if (noRoom is not null)
        {
            return await RejectAsync(noRoom, command.IdempotencyKey, settings, matches);
        }

        var row = NewRow(LedgerEntryKind.TransferIn, command.Points, command.IdempotencyKey,
            command.Actor.ToString(), clock.UtcNow) with { Reason = $"from {command.CounterpartPhone}" };
        return await AppendCreditAsync(row, settings, matches);
    }

    private static bool MatchesTransfer(StoredLedgerEntry entry, LedgerEntryKind kind, TransferPointsCommand command) =>
        entry.Kind == kind && Math.Abs(entry.Points) == command.Points;
}
