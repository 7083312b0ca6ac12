using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Cards;

/// <summary>The member card program of one merchant, keyed by the merchant id.</summary>
public interface IMemberCardsGrain : IGrainWithGuidKey
{
    /// <summary>Replaces the program; members' tiers follow at once, because they are derived, not stored.</summary>
    Task<CardProgramResult> SetProgram(CardProgram program, Actor actor);

    /// <summary>Returns the program, or <see cref="CardProgram.None"/> when the merchant has set none.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<CardProgram> GetProgram();
}
