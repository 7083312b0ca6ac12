namespace Pointspot.Grains.Ledger;

/// <summary>The points a refund takes back.</summary>
public static class RefundCalculator
{
    /// <summary>
    /// Returns the points due back once <paramref name="refundedTotal"/> of a purchase of
    /// <paramref name="purchaseAmount"/> that earned <paramref name="earned"/> points is refunded:
    /// floor(earned × refundedTotal / purchaseAmount). A refund takes back this minus what the
    /// earlier refunds of the receipt took, so partial refunds of the whole amount add up to
    /// exactly the points earned. The earned points already contain the earn rule of their day,
    /// so a later change of the rule changes nothing.
    /// </summary>
    public static long PointsDue(long earned, decimal purchaseAmount, decimal refundedTotal)
    {
        if (refundedTotal < 0 || refundedTotal > purchaseAmount)
        {
            throw new ArgumentOutOfRangeException(nameof(refundedTotal), refundedTotal,
                "The refunded total must lie between 0 and the purchase amount.");
        }

        long purchaseInSatang = checked((long)decimal.Truncate(purchaseAmount * 100m));
        long refundedInSatang = checked((long)decimal.Truncate(refundedTotal * 100m));
        return purchaseInSatang == 0 ? 0 : (long)((Int128)earned * refundedInSatang / purchaseInSatang);
    }
}
