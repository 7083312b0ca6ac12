using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// What one coupon takes off a checkout. Each coupon works on what is left of the total after
/// the coupons before it and never takes more than that, so the total stays at 0.00 or more in
/// any order of coupons. Amounts are rounded down to satang, so a percentage never overshoots.
/// </summary>
public static class DiscountCalculator
{
    /// <summary>Returns the discount, or an error when the checkout does not meet the coupon's condition.</summary>
    public static (decimal Discount, PointspotError? Error) Compute(
        CampaignDefinition campaign, decimal? voucherRemaining, decimal remainingTotal, IReadOnlyList<PurchaseLine>? lines)
    {
        decimal fullDiscount;
        switch (campaign.DiscountKind)
        {
            case DiscountKind.Amount:
                fullDiscount = campaign.DiscountAmount!.Value;
                break;
            case DiscountKind.Percent:
                fullDiscount = RoundDown(remainingTotal * campaign.DiscountPercent!.Value / 100m);
                break;
            case DiscountKind.FreeItem:
                var line = lines?.FirstOrDefault(l => l.Sku == campaign.FreeItemSku && l.Quantity > 0);
                if (line is null)
                {
                    return (0, new PointspotError(ErrorCodes.CouponConditionNotMet,
                        $"The coupon gives one free \"{campaign.FreeItemSku}\", which is not on the receipt's lines: "
                        + "ring up that product and send it in lines."));
                }

                fullDiscount = RoundDown(line.Amount / line.Quantity);
                break;
            default:
                fullDiscount = voucherRemaining ?? 0;
                break;
        }

        return (Math.Min(Math.Max(fullDiscount, 0), Math.Max(remainingTotal, 0)), null);
    }

    /// <summary>
    /// Checks the minimum amount and the required SKU of a campaign against a receipt. Purchase
    /// campaigns check them when issuing; every other kind checks them when the coupon is used.
    /// </summary>
    public static PointspotError? CheckCondition(CampaignDefinition campaign, decimal amount, IReadOnlyList<PurchaseLine>? lines)
    {
        if (campaign.MinimumAmount is { } minimum && amount < minimum)
        {
            return new PointspotError(ErrorCodes.CouponConditionNotMet,
                $"The receipt's amount {amount.ToString(CultureInfo.InvariantCulture)} is below the coupon's minimum "
                + $"of {minimum.ToString(CultureInfo.InvariantCulture)}: the coupon works on larger purchases.");
        }

        if (campaign.RequiredSku is { } sku && lines?.Any(l => l.Sku == sku && l.Quantity > 0) != true)
        {
            return new PointspotError(ErrorCodes.CouponConditionNotMet,
                $"The coupon needs product \"{sku}\" on the receipt's lines: ring it up and send it in lines.");
        }

        return null;
    }

    private static decimal RoundDown(decimal value) => decimal.Round(value, 2, MidpointRounding.ToZero);
}
