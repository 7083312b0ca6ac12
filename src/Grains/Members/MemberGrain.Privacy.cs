using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Claims;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>Export and erasure of the member's personal data, on the member's request.</summary>
public sealed partial class MemberGrain
{
    // NOTE: an export lists at most this many ledger entries, the newest, so a member with more gets no complete copy.
    private const int MaxExportedEntries = 1_000_000;

    public async Task<MemberDataExport?> ExportData()
    {
        var settings = await GetMerchantSettingsAsync();
        await EnsureStateAsync();
        if (settings is null || ToMemberView(settings) is not { } member)
        {
            return null;
        }

        var rows = await ledgerReader.ReadHistoryAsync(_merchantId, _phone.E164, MaxExportedEntries, null);
        var entries = rows.OrderBy(row => row.Sequence).Select(row => ToEntryView(row, settings.TimeZone)).ToList();
        var claims = await ServiceProvider.GetRequiredService<ClaimStore>().ListByPhoneAsync(_merchantId, _phone.E164);
        var labels = await ServiceProvider.GetRequiredService<MemberPrivacyStore>().ReadLabelsAsync(_merchantId, _phone.E164);
        return new MemberDataExport(member, entries, claims, labels);
    }

    public async Task<MemberErasure> Erase(Actor actor)
    {
        var erased = await ServiceProvider.GetRequiredService<MemberPrivacyStore>().EraseAsync(_merchantId, _phone.E164);
        if (erased is not var (pseudonym, entries, photos))
        {
            return new MemberErasure(null, 0, 0, new PointspotError(ErrorCodes.MemberNotFound,
                $"No member has phone number {_phone.National} at this merchant: nothing to erase."));
        }

        // The phone number starts again from nothing: the next call reads an empty ledger.
        _stateIsStale = true;
        _recent = new RecentEntries(RecentKeysKept);
        _lots = new LotBook();
        LogErased(_merchantId, pseudonym, entries, photos, actor.ToString());
        DeactivateOnIdle();
        return new MemberErasure(pseudonym, entries, photos, null);
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information,
        Message = "Member of merchant {MerchantId} erased by {Actor}: now {Pseudonym}, {Entries} ledger rows kept, {Photos} claim photos deleted")]
    private partial void LogErased(Guid merchantId, string pseudonym, long entries, int photos, string actor);
}
