using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Coupons;

/// <summary>Checks of coupon campaigns and of the texts that rewards share with them.</summary>
public static class CampaignRules
{
    public const int MaxNameLength = 200;
    public const int MaxSkuLength = 64;
    public const int MaxImageUrlLength = 2000;
    public const int MaxPerMemberLimit = 1000;
    public const int MaxStock = 10_000_000;
    public const int MaxOccasionKeyLength = 200;
    public const int MaxValidityYears = 10;

    public static CampaignDefinition Normalize(CampaignDefinition fields) => fields with
    {
        Name = fields.Name?.Trim() ?? "",
        FreeItemSku = Blank(fields.FreeItemSku),
        RequiredSku = Blank(fields.RequiredSku),
        ImageUrl = Blank(fields.ImageUrl),
    };

    /// <summary>Checks normalized fields; returns null when they describe a valid campaign.</summary>
    public static PointspotError? Check(CampaignDefinition fields)
    {
        return Invalid(PointsRules.CheckText("name", fields.Name, MaxNameLength))
            ?? CheckDiscount(fields)
            ?? CheckCounts(fields.Stock, fields.PerMemberLimit, ErrorCodes.InvalidCampaign)
            ?? CheckWindow(fields.ValidFrom, fields.ValidThrough, ErrorCodes.InvalidCampaign)
            ?? CheckOptionalText("requiredSku", fields.RequiredSku, MaxSkuLength)
            ?? CheckImageUrl(fields.ImageUrl, ErrorCodes.InvalidCampaign)
            ?? (fields.MinimumAmount is { } minimum
                ? PointsRules.CheckMoney("minimumAmount", minimum, PointsRules.MaxAmount, ErrorCodes.InvalidCampaign)
                : null);
    }

    public static PointspotError? CheckCounts(int? stock, int perMemberLimit, string code)
    {
        if (stock is < 0 or > MaxStock)
        {
            return new PointspotError(code,
                $"stock {stock} is out of range: send 0 to {MaxStock}, or leave it out for no limit.");
        }

        if (perMemberLimit is < 1 or > MaxPerMemberLimit)
        {
            return new PointspotError(code,
                $"perMemberLimit {perMemberLimit} is out of range: send 1 to {MaxPerMemberLimit}.");
        }

        return null;
    }

    public static PointspotError? CheckWindow(DateOnly validFrom, DateOnly validThrough, string code)
    {
        if (validThrough < validFrom)
        {
            return new PointspotError(code,
                $"validThrough {validThrough:yyyy-MM-dd} is before validFrom {validFrom:yyyy-MM-dd}: "
                + "send a last day on or after the first.");
        }

        if (validThrough > validFrom.AddYears(MaxValidityYears))
        {
            return new PointspotError(code,
                $"The window {validFrom:yyyy-MM-dd} to {validThrough:yyyy-MM-dd} is longer than "
                + $"{MaxValidityYears} years: send a shorter window.");
        }

        return null;
    }

    /// <summary>Accepts null or an absolute http or https URL; the image itself is not fetched.</summary>
    public static PointspotError? CheckImageUrl(string? imageUrl, string code)
    {
        if (imageUrl is null)
        {
            return null;
        }

        bool valid = imageUrl.Length <= MaxImageUrlLength
            && Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        return valid
            ? null
            : new PointspotError(code,
                $"imageUrl \"{Shorten(imageUrl)}\" is not an absolute http or https URL of at most "
                + $"{MaxImageUrlLength} characters: send the address of the image, such as https://example.com/latte.jpg.");
    }

    public static PointspotError? CheckOptionalText(string field, string? value, int maxLength) =>
        value is null ? null : Invalid(PointsRules.CheckText(field, value, maxLength));

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static PointspotError? CheckDiscount(CampaignDefinition fields)
    {
        bool voucher = fields.Kind == CouponKind.GiftVoucher;
        if (voucher != (fields.DiscountKind == DiscountKind.Value))
        {
            return new PointspotError(ErrorCodes.InvalidCampaign,
                $"discountKind {Name(fields.DiscountKind)} does not fit kind {Name(fields.Kind)}: a GIFT_VOUCHER "
                + "campaign takes discountKind VALUE, and VALUE fits only a GIFT_VOUCHER campaign.");
        }

        var (needed, field) = fields.DiscountKind switch
        {
            DiscountKind.Amount => (fields.DiscountAmount is not null, "discountAmount"),
            DiscountKind.Percent => (fields.DiscountPercent is not null, "discountPercent"),
            DiscountKind.FreeItem => (fields.FreeItemSku is not null, "freeItemSku"),
            _ => (fields.VoucherValue is not null, "voucherValue"),
        };
        int set = (fields.DiscountAmount is null ? 0 : 1) + (fields.DiscountPercent is null ? 0 : 1)
            + (fields.FreeItemSku is null ? 0 : 1) + (fields.VoucherValue is null ? 0 : 1);
        if (!needed || set != 1)
        {
            return new PointspotError(ErrorCodes.InvalidCampaign,
                $"discountKind {Name(fields.DiscountKind)} takes {field} and none of discountAmount, "
                + "discountPercent, freeItemSku and voucherValue besides it: send exactly that one.");
        }

        return fields.DiscountKind switch
        {
            DiscountKind.Amount => CheckPositiveMoney("discountAmount", fields.DiscountAmount!.Value),
            DiscountKind.Percent => CheckPercent(fields.DiscountPercent!.Value),
            DiscountKind.FreeItem => CheckOptionalText("freeItemSku", fields.FreeItemSku, MaxSkuLength),
            _ => CheckPositiveMoney("voucherValue", fields.VoucherValue!.Value),
        };
    }

    private static PointspotError? CheckPositiveMoney(string field, decimal value)
    {
        if (value == 0)
        {
            return new PointspotError(ErrorCodes.InvalidCampaign, $"{field} is 0: send an amount of 0.01 or more.");
        }

        return PointsRules.CheckMoney(field, value, PointsRules.MaxAmount, ErrorCodes.InvalidCampaign);
    }

    private static PointspotError? CheckPercent(decimal percent)
    {
        bool valid = percent > 0 && percent <= 100 && percent == decimal.Round(percent, 2);
        return valid
            ? null
            : new PointspotError(ErrorCodes.InvalidCampaign,
                $"discountPercent {percent.ToString(CultureInfo.InvariantCulture)} is out of range: "
                + "send more than 0 and at most 100, with at most two decimal places.");
    }

    private static PointspotError? Invalid(PointspotError? error) =>
        error is null ? null : error with { Code = ErrorCodes.InvalidCampaign };

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    public static string Name(CouponKind kind) => kind switch
    {
        CouponKind.Welcome => "WELCOME",
        CouponKind.Promotion => "PROMOTION",
        CouponKind.Purchase => "PURCHASE",
        CouponKind.GiftVoucher => "GIFT_VOUCHER",
        _ => "COUNTER",
    };

    public static string Name(DiscountKind kind) => kind switch
    {
        DiscountKind.Amount => "AMOUNT",
        DiscountKind.Percent => "PERCENT",
        DiscountKind.FreeItem => "FREE_ITEM",
        _ => "VALUE",
    };
}
