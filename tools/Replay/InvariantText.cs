using System.Globalization;

namespace Pointspot.Replay;

/// <summary>Formats numbers the same way whatever the machine's culture.</summary>
internal static class InvariantText
{
    /// <summary>Formats with thousands separators: 2453159 becomes 2,453,159.</summary>
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
