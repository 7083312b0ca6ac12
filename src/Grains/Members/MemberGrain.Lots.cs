using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Members;

/// <summary>Expiry lots: the expiry date of each credit and the EXPIRE entries of due lots.</summary>
public sealed partial class MemberGrain
{
    /// <summary>The ledger actor of EXPIRE entries.</summary>
    public const string ExpiryActor = "system:expiry";

    public async Task<ExpireResult> ExpireDue()
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return new ExpireResult(0, MerchantMissing().Error);
        }

        await EnsureStateAsync();
        long before = _lots.Balance;
        var failed = await ExpireDueLotsAsync(settings);
        return new ExpireResult(Math.Max(0, before - _lots.Balance), failed);
    }

    public async Task<IReadOnlyList<ExpiringPointsView>> GetExpiringPoints()
    {
        await EnsureStateAsync();
        return _lots.Expiring();
    }

    /// <summary>
    /// Appends a credit with its lot's expiry, computed from the credit's occurredAt in the
    /// merchant's time zone under the current policy. A credit dated so far back that its lot is
    /// already due (an offline POS sending an old purchase) expires at once.
    /// </summary>
    private async Task<PointsChangeResult> AppendCreditAsync(
        LedgerRow row, MerchantSettings settings, Func<StoredLedgerEntry, bool> matches)
    {
        if (row.Points > 0 && TimeZones.TryFind(settings.TimeZone, out var zone)
            && ExpiryCalculator.ForCredit(settings.Expiry, row.OccurredAt, zone) is { } expiry)
        {
            row = row with { ExpiresOn = expiry.ExpiresOn, ExpiresAt = expiry.ExpiresAt };
        }

        var result = await AppendAsync(row, settings, matches);
        if (result.Error is null && _lots.NextExpiry is { } next && next <= clock.UtcNow
            && await ExpireDueLotsAsync(settings) is null)
        {
            result = result with { Member = ToMemberView(settings) };
        }

        return result;
    }

    /// <summary>
    /// Writes an EXPIRE entry for the rest of each lot that can no longer be spent, soonest
    /// first. Every change that spends points calls this first, so a debit never takes from a
    /// due lot. Returns the error that stopped it, or null.
    /// </summary>
    private async Task<PointspotError?> ExpireDueLotsAsync(MerchantSettings settings)
    {
        var now = clock.UtcNow;
        int attempts = _lots.Due(now).Count;
        for (int i = 0; i < attempts; i++)
        {
            // Looked up again each time: a conflict reloads the lots from the ledger.
            var lot = _lots.Due(now).FirstOrDefault();
            if (lot is null)
            {
                return null;
            }

            // The key names the lot, its date and how often it expired, so a repeated run finds
            // the entry. A lot refilled by a void after expiring gets a new key.
            string key = $"expire:{lot.EntryId}:{lot.ExpiresOn:yyyy-MM-dd}:{lot.Expirations + 1}";
            long lotEntryId = lot.EntryId;
            var row = NewRow(LedgerEntryKind.Expire, -lot.Remaining, key, ExpiryActor, lot.ExpiresAt!.Value)
                with { ReversesEntryId = lotEntryId };
            var result = await AppendAsync(row, settings,
                e => e.Kind == LedgerEntryKind.Expire && e.ReversesEntryId == lotEntryId);
            if (result.Error is not null)
            {
                return result.Error;
            }

            LogLotExpired(_merchantId, lotEntryId, -row.Points);
        }

        return null;
    }
}
