using System.Collections.Concurrent;

namespace Pointspot.Grains.Merchants;

/// <summary>IANA time zones, looked up once each.</summary>
public static class TimeZones
{
    public const string Default = "Asia/Bangkok";

    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Cache = new(StringComparer.Ordinal);

    /// <summary>Finds an IANA zone by id; Windows ids and abbreviations are rejected.</summary>
    public static bool TryFind(string id, out TimeZoneInfo zone)
    {
        if (Cache.TryGetValue(id, out zone!))
        {
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId || found.Id != id)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }

        zone = Cache.GetOrAdd(id, found);
        return true;
    }

    /// <summary>Expresses an instant with the offset that the merchant's zone has at that instant.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, string zoneId)
    {
        return TryFind(zoneId, out var zone) ? TimeZoneInfo.ConvertTime(instant, zone) : instant;
    }
}
