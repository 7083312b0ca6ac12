using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

public sealed partial class MemberGrain
{
    /// <summary>
    /// Computes the points of a purchase: the spend rule on the whole amount, or, for a purchase
    /// with lines, the rules of the catalog's products per line.
    /// </summary>
    /// <remarks>
    /// NOTE: the EARN entry still records the merchant's spendPerPoint, so the points of a purchase
    /// with product rules differ from floor(amount / spendPerPoint). Code that derives points back
    /// from that rate, such as a proportional refund, must start from the entry's points.
    /// </remarks>
    private async Task<long> EarnedPointsAsync(CollectPointsCommand command, EarnRule earnRule)
    {
        if (command.Lines is not { Count: > 0 } lines)
        {
            return EarnCalculator.Points(command.Amount, earnRule);
        }

        var skus = lines.Select(line => line.Sku.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var rules = await GrainFactory.GetGrain<ICatalogGrain>(_merchantId).GetEarnRules(skus);
        return LineItemCalculator.Points(command.Amount, lines, rules, earnRule);
    }
}
