using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Cards;

/// <summary>
/// The totals a member's tier is judged on, folded from the member's ledger entries in sequence
/// order. Spending points (PAY, PULL, TRANSFER_OUT, WHEEL_SPIN, EXPIRE) lowers neither total, so
/// redeeming never demotes; refunds and voided earns take their points back.
/// </summary>
public sealed record CardProgress(long LifetimePoints, decimal LifetimeSpend)
{
    public static CardProgress Empty { get; } = new(0, 0.00m);

    /// <summary>Returns the totals after one more ledger entry.</summary>
    // NOTE: a VOID of a sale takes back the sale's points but not its money, because VOID entries
    // carry no amount. A voided sale still counts toward LIFETIME_SPEND.
    public CardProgress Apply(LedgerEntryKind kind, long points, decimal? amount)
    {
        long lifetimePoints = LifetimePoints;
        if (points > 0 && kind.OpensLot())
        {
            lifetimePoints += points;
        }
        else if (points < 0 && kind is LedgerEntryKind.Refund or LedgerEntryKind.Void)
        {
            lifetimePoints = Math.Max(0, lifetimePoints + points);
        }

        decimal spend = kind switch
        {
            LedgerEntryKind.Earn => LifetimeSpend + (amount ?? 0m),
            LedgerEntryKind.Refund => Math.Max(0m, LifetimeSpend - (amount ?? 0m)),
            _ => LifetimeSpend,
        };
        return new CardProgress(lifetimePoints, spend);
    }

    /// <summary>Returns the total that <paramref name="basis"/> names.</summary>
    public decimal Measure(CardBasis basis) =>
        basis == CardBasis.LifetimeSpend ? LifetimeSpend : LifetimePoints;
}
