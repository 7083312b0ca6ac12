using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Catalog;

/// <summary>Checks of product fields. Each check returns null when the input is valid.</summary>
public static class ProductRules
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxCategoryLength = 100;
    public const long MaxPointsPerUnit = 1_000_000;
    public const decimal MaxMultiplier = 100.00m;

    /// <summary>Trims the text fields and turns an empty category into none.</summary>
    public static ProductFields Normalize(ProductFields fields) => fields with
    {
        Sku = fields.Sku?.Trim() ?? "",
        Name = fields.Name?.Trim() ?? "",
        Category = string.IsNullOrWhiteSpace(fields.Category) ? null : fields.Category.Trim(),
    };

    public static PointspotError? Check(ProductFields fields)
    {
        return PointsRules.CheckText("sku", fields.Sku, MaxSkuLength)
            ?? PointsRules.CheckText("name", fields.Name, MaxNameLength)
            ?? (fields.Category is null ? null : PointsRules.CheckText("category", fields.Category, MaxCategoryLength))
            ?? PointsRules.CheckMoney("price", fields.Price, PointsRules.MaxAmount, ErrorCodes.InvalidAmount)
            ?? CheckEarnRule(fields.PointsPerUnit, fields.Multiplier);
    }

    private static PointspotError? CheckEarnRule(long? pointsPerUnit, decimal? multiplier)
    {
        if (pointsPerUnit is not null && multiplier is not null)
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"pointsPerUnit {pointsPerUnit} and multiplier {Show(multiplier.Value)} are both set: a product "
                + "earns either fixed points per unit or a multiple of the spend rule, so send only one.");
        }

        if (pointsPerUnit is { } perUnit && (perUnit < 0 || perUnit > MaxPointsPerUnit))
        {
            return new PointspotError(ErrorCodes.InvalidPoints,
                $"pointsPerUnit {perUnit} is out of range: send 0 to {MaxPointsPerUnit.ToString("N0", CultureInfo.InvariantCulture)}.");
        }

        if (multiplier is { } factor)
        {
            if (factor < 0 || factor > MaxMultiplier)
            {
                return new PointspotError(ErrorCodes.InvalidInput,
                    $"multiplier {Show(factor)} is out of range: send 0 to {Show(MaxMultiplier)}, for example 2 for double points.");
            }

            if (factor != decimal.Round(factor, 2))
            {
                return new PointspotError(ErrorCodes.InvalidInput,
                    $"multiplier {Show(factor)} has more than two decimal places: round it, for example to 1.25.");
            }
        }

        return null;
    }

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
