using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Grains.Ledger;

/// <summary>The earn rule as arithmetic.</summary>
public static class EarnCalculator
{
    /// <summary>
    /// Returns the points a purchase of <paramref name="amount"/> earns: one point per whole
    /// <see cref="EarnRule.SpendPerPoint"/>, rounded down per receipt, and none below the minimum
    /// spend. Both values have at most two decimal places, so the division is done on whole
    /// satang (hundredths) in integers and is exact.
    /// </summary>
    public static long Points(decimal amount, EarnRule rule)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A purchase amount cannot be negative.");
        }

        if (amount < rule.MinimumSpend)
        {
            return 0;
        }

        long amountInSatang = checked((long)decimal.Truncate(amount * 100m));
        long rateInSatang = checked((long)decimal.Truncate(rule.SpendPerPoint * 100m));
        return amountInSatang / rateInSatang;
    }
}
