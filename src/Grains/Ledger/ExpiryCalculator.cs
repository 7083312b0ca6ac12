using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Grains.Ledger;

/// <summary>The expiry policy as date arithmetic in the merchant's time zone.</summary>
public static class ExpiryCalculator
{
    /// <summary>
    /// Returns the last day a lot credited on local day <paramref name="credited"/> can be spent,
    /// or null when it never expires. Rolling: the same day N months later, or the month's last
    /// day when that month is shorter. End of month: the last day of the month N months later.
    /// Fixed date: the next month/day on or after the credit day.
    /// </summary>
    public static DateOnly? ValidThrough(ExpiryPolicy? policy, DateOnly credited)
    {
        switch (policy?.Kind ?? ExpiryPolicyKind.Never)
        {
            case ExpiryPolicyKind.Rolling:
                return credited.AddMonths(policy!.Months);

            case ExpiryPolicyKind.EndOfMonth:
                var month = new DateOnly(credited.Year, credited.Month, 1).AddMonths(policy!.Months);
                return month.AddDays(DateTime.DaysInMonth(month.Year, month.Month) - 1);

            case ExpiryPolicyKind.FixedDate:
                var thisYear = new DateOnly(credited.Year, policy!.Month, policy.Day);
                return thisYear >= credited ? thisYear : thisYear.AddYears(1);

            default:
                return null;
        }
    }

    /// <summary>
    /// Returns the first instant after local day <paramref name="validThrough"/> in
    /// <paramref name="zone"/>: the lot is spendable while the clock is before it.
    /// </summary>
    public static DateTimeOffset EndOfDay(DateOnly validThrough, TimeZoneInfo zone)
    {
        var nextMidnight = validThrough.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Where a daylight-saving change skips midnight, the day starts at the first quarter hour
        // that exists. Where it repeats midnight, the day starts at the earlier of the two.
        while (zone.IsInvalidTime(nextMidnight))
        {
            nextMidnight = nextMidnight.AddMinutes(15);
        }

        var offset = zone.IsAmbiguousTime(nextMidnight)
            ? zone.GetAmbiguousTimeOffsets(nextMidnight).Max()
            : zone.GetUtcOffset(nextMidnight);
        return new DateTimeOffset(nextMidnight, offset).ToUniversalTime();
    }

    /// <summary>Returns the expiry of a lot credited at <paramref name="creditedAt"/>, or null when it never expires.</summary>
    public static (DateOnly ExpiresOn, DateTimeOffset ExpiresAt)? ForCredit(
        ExpiryPolicy? policy, DateTimeOffset creditedAt, TimeZoneInfo zone)
    {
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(creditedAt, zone).DateTime);
        return ValidThrough(policy, localDay) is { } validThrough
            ? (validThrough, EndOfDay(validThrough, zone))
            : null;
    }
}
