using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Cards;

/// <summary>The stored state of a member-cards grain.</summary>
[GenerateSerializer, Alias("pointspot.member-cards-state.v1")]
public sealed class MemberCardsState
{
    [Id(0)]
    public CardProgram? Program { get; set; }
}

/// <summary>A merchant's member card program, in Orleans grain storage.</summary>
public sealed partial class MemberCardsGrain(
    [PersistentState("memberCards", "pointspot")] IPersistentState<MemberCardsState> state,
    ILogger<MemberCardsGrain> logger) : Grain, IMemberCardsGrain
{
    public async Task<CardProgramResult> SetProgram(CardProgram program, Actor actor)
    {
        var settings = await GrainFactory.GetGrain<IMerchantGrain>(this.GetPrimaryKey()).GetSettings();
        if (settings is null)
        {
            return new CardProgramResult(null, new PointspotError(ErrorCodes.NotFound, "The merchant of this request does not exist."));
        }

        if (CardRules.Check(program) is { } invalid)
        {
            return new CardProgramResult(null, invalid);
        }

        var tiers = program.Tiers
            .Select(tier => Normalize(tier, program.Basis))
            .ToList();
        state.State.Program = program with { Tiers = tiers };
        await state.WriteStateAsync();
        LogProgramSet(this.GetPrimaryKey(), program.Basis, tiers.Count, actor.ToString());
        return new CardProgramResult(state.State.Program, null);
    }

    /// <summary>Gives money two decimal places and whole points none, as the ledger shows them.</summary>
    private static CardTier Normalize(CardTier tier, CardBasis basis) => tier with
    {
        Name = tier.Name.Trim(),
        Colour = tier.Colour.ToUpperInvariant(),
        Threshold = basis == CardBasis.LifetimeSpend ? tier.Threshold + 0.00m : decimal.Truncate(tier.Threshold),
        EarnMultiplier = tier.EarnMultiplier + 0.00m,
        Benefits = tier.Benefits.Trim(),
    };

    public Task<CardProgram> GetProgram() => Task.FromResult(state.State.Program ?? CardProgram.None);

    [LoggerMessage(EventId = 12001, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} set its member card to {TierCount} tiers on {Basis} by {Actor}")]
    private partial void LogProgramSet(Guid merchantId, CardBasis basis, int tierCount, string actor);
}
