using System.Collections.Immutable;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Cards;

/// <summary>The points and money that count toward a tier, in total or in one year.</summary>
public readonly record struct CardTotals(long Points, decimal Spend)
{
    /// <summary>Returns the totals after one more ledger entry.</summary>
    // NOTE: a VOID of a sale takes back the sale's points but not its money, because VOID entries
    // carry no amount. A voided sale still counts toward LIFETIME_SPEND.
    public CardTotals Apply(LedgerEntryKind kind, long points, decimal? amount)
    {
        long earned = Points;
        if (points > 0 && kind.OpensLot())
        {
            earned += points;
        }
        else if (points < 0 && kind is LedgerEntryKind.Refund or LedgerEntryKind.Void)
        {
            earned = Math.Max(0, earned + points);
        }

        decimal spend = kind switch
        {
            LedgerEntryKind.Earn => Spend + (amount ?? 0m),
            LedgerEntryKind.Refund => Math.Max(0m, Spend - (amount ?? 0m)),
            _ => Spend,
        };
        return new CardTotals(earned, spend);
    }

    /// <summary>Returns the total that <paramref name="basis"/> names.</summary>
    public decimal Measure(CardBasis basis) => basis == CardBasis.LifetimeSpend ? Spend : Points;
}

/// <summary>
/// The totals a member's tier is judged on, folded from the member's ledger entries in sequence
/// order. They are kept over the member's life and per calendar year of each entry's occurred_at
/// in the merchant's time zone. Spending points (PAY, PULL, TRANSFER_OUT, WHEEL_SPIN, EXPIRE)
/// lowers neither, so redeeming never demotes. Refunds and voided earns take their points back.
/// </summary>
public sealed record CardProgress(CardTotals Lifetime, ImmutableDictionary<int, CardTotals> Years)
{
    public static CardProgress Empty { get; } = new(default, ImmutableDictionary<int, CardTotals>.Empty);

    public long LifetimePoints => Lifetime.Points;

    public decimal LifetimeSpend => Lifetime.Spend;

    /// <summary>Returns the progress after one more ledger entry, which occurred in <paramref name="localYear"/>.</summary>
    public CardProgress Apply(LedgerEntryKind kind, long points, decimal? amount, int localYear) => new(
        Lifetime.Apply(kind, points, amount),
        Years.SetItem(localYear, Year(localYear).Apply(kind, points, amount)));

    /// <summary>Returns the totals of one calendar year (zero for a year without entries).</summary>
    public CardTotals Year(int localYear) => Years.GetValueOrDefault(localYear);
}
