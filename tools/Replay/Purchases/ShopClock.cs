using System.Globalization;

namespace Pointspot.Replay.Purchases;

/// <summary>Turns a purchase date into the instant sent as occurredAt.</summary>
internal static class ShopClock
{
    /// <summary>The local time of day given to every purchase, because CDNOW records only the date.</summary>
    public static readonly TimeOnly PurchaseTime = new(12, 0);

    /// <summary>
    /// Formats 12:00 on the date in the time zone as ISO 8601 with that zone's offset on that day,
    /// for example 1997-01-01T12:00:00+07:00 in Asia/Bangkok.
    /// </summary>
    public static string OccurredAt(DateOnly date, TimeZoneInfo timeZone)
    {
        var local = date.ToDateTime(PurchaseTime, DateTimeKind.Unspecified);
        TimeSpan offset = timeZone.GetUtcOffset(local);

        return new DateTimeOffset(local, offset)
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }
}
