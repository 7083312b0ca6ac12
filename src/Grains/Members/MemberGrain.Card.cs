using Microsoft.Extensions.DependencyInjection;
using Pointspot.Grains.Cards;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Members;

/// <summary>
/// The member card: totals folded from the member's ledger entries, and the tier they reach.
/// The tier is not stored: the entry that reaches a threshold moves the totals, and the next earn
/// reads the tier from them, so the upgrade applies from the next earn on.
/// </summary>
public sealed partial class MemberGrain
{
    private CardProgress _card = CardProgress.Empty;

    public async Task<MemberCardView?> GetMemberCard()
    {
        var settings = await GetMerchantSettingsAsync();
        await EnsureStateAsync();
        if (settings is null || _state.Status is null)
        {
            return null;
        }

        var program = await GetCardProgramAsync();
        var today = DateOnly.FromDateTime(TimeZones.ToLocal(clock.UtcNow, settings.TimeZone).DateTime);
        decimal progress = CardStanding.Measure(program, _card, today.Year);
        var next = program.NextTierFor(progress);
        return new MemberCardView(_phone.E164, program.Basis, program.TierFor(progress), _card.LifetimePoints,
            _card.LifetimeSpend, next, next is null ? null : next.Threshold - progress,
            CardStanding.Warning(program, _card, today));
    }

    /// <summary>Applies one committed ledger entry to the card totals; entries come in sequence order.</summary>
    private void ApplyToCard(LedgerEntryKind kind, long points, decimal? amount, DateTimeOffset occurredAt, string timeZone)
    {
        _card = _card.Apply(kind, points, amount, CardEntryReader.LocalYear(occurredAt, timeZone));
    }

    private async Task<CardProgress> LoadCardAsync()
    {
        var settings = await GetMerchantSettingsAsync();
        return await ServiceProvider.GetRequiredService<CardEntryReader>()
            .LoadAsync(_merchantId, _phone.E164, settings?.TimeZone ?? "UTC");
    }

    /// <summary>Returns the points of an earn after the multiplier of the tier the member is in now.</summary>
    private async Task<long> WithTierMultiplierAsync(long basePoints, MerchantSettings settings)
    {
        var program = await GetCardProgramAsync();
        if (program.Tiers.Count == 0)
        {
            return basePoints;
        }

        int year = CardEntryReader.LocalYear(clock.UtcNow, settings.TimeZone);
        return CardRules.ApplyMultiplier(basePoints, CardStanding.Tier(program, _card, year));
    }

    private Task<CardProgram> GetCardProgramAsync() =>
        GrainFactory.GetGrain<IMemberCardsGrain>(_merchantId).GetProgram();

    /// <summary>
    /// Tells the merchant's automation that the ledger grew. Automation reads the ledger itself,
    /// so a lost nudge only delays it until its reminder.
    /// </summary>
    private void NudgeAutomation(LedgerEntryKind kind)
    {
        if (kind == LedgerEntryKind.Earn)
        {
            GrainFactory.GetGrain<IAutomationGrain>(_merchantId).Nudge().Ignore();
        }
    }
}
