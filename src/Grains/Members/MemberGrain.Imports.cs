using Microsoft.Extensions.DependencyInjection;
using Pointspot.Grains.Imports;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Members;

public sealed partial class MemberGrain : IMemberImports
{
    public async Task<PointsChangeResult> ImportPoints(AdjustPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        Func<StoredLedgerEntry, bool> matches = e => MatchesAdjust(e, LedgerEntryKind.Import, command);
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, matches(earlier));
        }

        var invalid = PointsRules.CheckAdjust(command) ?? CheckRoom(command.Points);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, matches);
        }

        var now = ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var row = NewRow(LedgerEntryKind.Import, command.Points, command.IdempotencyKey, command.Actor.ToString(), now)
            with { Reason = command.Reason.Trim() };
        return await AppendAsync(row, settings, matches);
    }

    public async Task<ImportProfileResult> ImportProfile(MemberProfile profile, IReadOnlyList<string> labels)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return new ImportProfileResult(false, MerchantMissing().Error);
        }

        var now = ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(now, settings.TimeZone).DateTime);
        var trimmed = profile with { Name = profile.Name.Trim(), MarketingConsent = false };
        var invalid = MemberRules.CheckProfile(trimmed, today);
        if (invalid is not null)
        {
            return new ImportProfileResult(false, invalid);
        }

        var store = ServiceProvider.GetRequiredService<MemberImportStore>();
        bool changed = await store.UpsertAsync(_merchantId, _phone.E164, trimmed, labels);
        if (changed)
        {
            _stateIsStale = true;
        }

        return new ImportProfileResult(changed, null);
    }
}
