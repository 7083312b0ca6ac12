using System.Globalization;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Imports;

/// <summary>Parses the cells of an import as Thai merchants' Excel files hold them. Each returns an error message or null.</summary>
public static class ImportValues
{
    public const int MaxLabels = 20;
    public const int MaxLabelLength = 50;

    // Buddhist Era years run 543 ahead of the Gregorian calendar: 2533 BE is 1990.
    private const int BuddhistEraOffset = 543;

    // Excel stores dates as days since 1899-12-30; 73050 is the year 2100.
    private const int MaxExcelSerialDate = 73_050;

    private static readonly string[] DateFormats =
    [
        "yyyy-M-d", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy/M/d",
    ];

    /// <summary>
    /// Parses a phone number. Excel drops the leading 0 of a number stored as a number, so nine
    /// digits starting with 6, 8 or 9 are read as a mobile number with its 0 restored.
    /// </summary>
    public static string? ParsePhone(string text, out PhoneNumber phone)
    {
        string value = text.Trim();
        if (value.Length == 9 && value.All(char.IsAsciiDigit) && value[0] is '6' or '8' or '9')
        {
            value = "0" + value;
        }

        return PhoneNumber.TryParse(value, out phone, out string error) ? null : error;
    }

    /// <summary>Parses a date of birth: ISO or day-first dates, Buddhist Era years, or an Excel date number.</summary>
    public static string? ParseBirthDate(string text, out DateOnly? date)
    {
        date = null;
        string value = text.Trim();
        if (value.Length == 0)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int serial)
            && serial > 0 && serial <= MaxExcelSerialDate)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return null;
        }

        // Excel writes a date cell with its time of day when saved as CSV: keep only the date.
        string datePart = value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (!DateOnly.TryParseExact(datePart, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return $"birth date \"{value}\" is not a date: write it day first as 17/05/1990 or 17/05/2533, "
                + "or as 1990-05-17.";
        }

        date = parsed.Year > 2400 ? parsed.AddYears(-BuddhistEraOffset) : parsed;
        return null;
    }

    public static string? ParseGender(string text, out Gender gender)
    {
        gender = Gender.Unspecified;
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "unspecified" or "ไม่ระบุ":
                return null;
            case "m" or "male" or "man" or "ชาย" or "ช":
                gender = Gender.Male;
                return null;
            case "f" or "female" or "woman" or "หญิง" or "ญ":
                gender = Gender.Female;
                return null;
            case "other" or "อื่นๆ" or "อื่น":
                gender = Gender.Other;
                return null;
            default:
                return $"gender \"{text.Trim()}\" is not one of male, female, other (or ชาย, หญิง, อื่นๆ): "
                    + "write one of those or leave the cell empty.";
        }
    }

    /// <summary>Splits labels on commas, semicolons or vertical bars; empty parts are dropped.</summary>
    public static string? ParseLabels(string text, out List<string> labels)
    {
        labels = text.Split(new[] { ',', ';', '|' }, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (labels.Count > MaxLabels)
        {
            return $"labels has {labels.Count} labels: a member may have at most {MaxLabels}.";
        }

        foreach (string label in labels)
        {
            var invalid = PointsRules.CheckText("label", label, MaxLabelLength);
            if (invalid is not null)
            {
                return invalid.Message;
            }
        }

        return null;
    }

    /// <summary>Parses whole points; thousands separators and a zero fraction ("1,500.00") are accepted.</summary>
    public static string? ParsePoints(string text, bool required, out long points)
    {
        points = 0;
        string value = text.Trim();
        if (value.Length == 0)
        {
            return required ? "points is empty: write the points to credit, such as 150." : null;
        }

        const NumberStyles style = NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign;
        if (!decimal.TryParse(value, style, CultureInfo.InvariantCulture, out decimal number) || number != decimal.Truncate(number))
        {
            return $"points \"{value}\" is not a whole number: write the points as digits, such as 150.";
        }

        long minimum = required ? 1 : 0;
        if (number < minimum || number > PointsRules.MaxAdjustPoints)
        {
            return $"points {value} is out of range: write {minimum} to "
                + $"{PointsRules.MaxAdjustPoints.ToString("N0", CultureInfo.InvariantCulture)} points.";
        }

        points = (long)number;
        return null;
    }
}
