using System.Globalization;
using Pointspot.Grains.Catalog;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// Points of a receipt with line items. A line whose product has fixed points earns
/// <c>pointsPerUnit × quantity</c>. A line whose product has a multiplier earns
/// <c>floor(line amount / spendPerPoint × multiplier)</c>, rounded down on its own. Every other
/// line (no catalog entry, an inactive product, or a product without a rule) is a plain line:
/// the plain lines' amounts are summed and earn <c>floor(sum / spendPerPoint)</c>, rounded down
/// once, so a receipt whose lines have no rule earns what it earns without lines. A receipt
/// below the minimum spend earns nothing, whatever its lines.
/// </summary>
public static class LineItemCalculator
{
    public const int MaxLines = 500;
    public const int MaxQuantity = 1_000_000;

    /// <summary>Checks the lines of a purchase; returns null when there are none or they are valid.</summary>
    public static PointspotError? Check(decimal amount, IReadOnlyList<PurchaseLine>? lines)
    {
        if (lines is null)
        {
            return null;
        }

        if (lines.Count == 0 || lines.Count > MaxLines)
        {
            return new PointspotError(ErrorCodes.InvalidLines,
                $"lines has {lines.Count} entries: send 1 to {MaxLines} lines, or leave lines out.");
        }

        decimal sum = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var invalid = PointsRules.CheckText($"lines[{i}].sku", line.Sku, ProductRules.MaxSkuLength)
                ?? PointsRules.CheckMoney($"lines[{i}].amount", line.Amount, PointsRules.MaxAmount, ErrorCodes.InvalidLines);
            if (invalid is not null)
            {
                return invalid;
            }

            if (line.Quantity < 1 || line.Quantity > MaxQuantity)
            {
                return new PointspotError(ErrorCodes.InvalidLines,
                    $"lines[{i}].quantity {line.Quantity} is out of range: send 1 to {MaxQuantity} units.");
            }

            sum += line.Amount;
        }

        if (sum != amount)
        {
            return new PointspotError(ErrorCodes.InvalidLines,
                $"The lines add up to {Money(sum)} but amount is {Money(amount)}: send lines whose amounts "
                + "add up to the receipt's amount.");
        }

        return null;
    }

    /// <summary>
    /// Returns the points of a receipt of <paramref name="amount"/> with checked
    /// <paramref name="lines"/>; <paramref name="rules"/> maps SKUs to their product's rule.
    /// </summary>
    public static long Points(
        decimal amount,
        IReadOnlyList<PurchaseLine> lines,
        IReadOnlyDictionary<string, ProductEarnRule> rules,
        EarnRule earnRule)
    {
        if (amount < earnRule.MinimumSpend)
        {
            return 0;
        }

        long rateInSatang = Satang(earnRule.SpendPerPoint);
        long plainSatang = 0;
        long points = 0;
        foreach (var line in lines)
        {
            if (rules.TryGetValue(line.Sku.Trim(), out var rule) && (rule.PointsPerUnit is not null || rule.Multiplier is not null))
            {
                points = checked(points + LinePoints(line, rule, rateInSatang));
            }
            else
            {
                plainSatang = checked(plainSatang + Satang(line.Amount));
            }
        }

        return checked(points + plainSatang / rateInSatang);
    }

    /// <summary>Returns the points of one line that has a product rule.</summary>
    public static long LinePoints(PurchaseLine line, ProductEarnRule rule, long rateInSatang)
    {
        if (rule.PointsPerUnit is { } perUnit)
        {
            return checked(perUnit * line.Quantity);
        }

        // amount × multiplier / spendPerPoint on whole satang and hundredths, in integers, so the
        // rounding down is exact: (satang × hundredths) / (rate in satang × 100).
        long hundredths = checked((long)decimal.Truncate(rule.Multiplier!.Value * 100m));
        Int128 numerator = (Int128)Satang(line.Amount) * hundredths;
        Int128 denominator = (Int128)rateInSatang * 100;
        return checked((long)(numerator / denominator));
    }

    private static long Satang(decimal money) => checked((long)decimal.Truncate(money * 100m));

    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
