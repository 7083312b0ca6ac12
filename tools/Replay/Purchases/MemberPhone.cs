using System.Globalization;

namespace Pointspot.Replay.Purchases;

/// <summary>Maps a CDNOW customer id to the Thai mobile number the replay uses for that member.</summary>
internal static class MemberPhone
{
    /// <summary>The largest customer id that fits the 8 digits after the 08 prefix.</summary>
    public const long MaxCustomerId = 99_999_999;

    /// <summary>Returns 08 and the customer id zero-padded to 8 digits: 1 becomes 0800000001.</summary>
    public static string ForCustomer(long customerId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customerId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customerId, MaxCustomerId);

        return "08" + customerId.ToString("D8", CultureInfo.InvariantCulture);
    }
}
