using Pointspot.Grains.Interfaces.Cards;

namespace Pointspot.Grains.Cards;

/// <summary>Where a member stands on the card program in a given local year.</summary>
public static class CardStanding
{
    /// <summary>
    /// Returns the total the tier is judged on in <paramref name="localYear"/>: the lifetime total,
    /// or under yearly re-evaluation the better of last year's and this year's totals, so a tier
    /// reached in one year is kept through the next.
    /// </summary>
    public static decimal Measure(CardProgram program, CardProgress progress, int localYear) =>
        program.YearlyReevaluation
            ? Math.Max(progress.Year(localYear - 1).Measure(program.Basis), progress.Year(localYear).Measure(program.Basis))
            : progress.Lifetime.Measure(program.Basis);

    public static CardTier? Tier(CardProgram program, CardProgress progress, int localYear) =>
        program.TierFor(Measure(program, progress, localYear));

    /// <summary>
    /// Returns the downgrade that 1 January of next year brings, when yearly re-evaluation is on,
    /// <paramref name="today"/> lies within the warning days before it, and this year's totals
    /// alone reach a lower tier than the member has now.
    /// </summary>
    public static CardDowngradeWarning? Warning(CardProgram program, CardProgress progress, DateOnly today)
    {
        if (!program.YearlyReevaluation || Tier(program, progress, today.Year) is not { } current)
        {
            return null;
        }

        var reevaluatedOn = new DateOnly(today.Year + 1, 1, 1);
        if (today.AddDays(program.DowngradeWarningDays) < reevaluatedOn)
        {
            return null;
        }

        decimal thisYear = progress.Year(today.Year).Measure(program.Basis);
        var next = program.TierFor(thisYear);
        return next == current ? null : new CardDowngradeWarning(next, reevaluatedOn, current.Threshold - thisYear);
    }
}
