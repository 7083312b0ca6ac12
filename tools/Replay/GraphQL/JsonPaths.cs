using System.Globalization;
using System.Text.Json;

namespace Pointspot.Replay.GraphQL;

/// <summary>Reads nested properties of a GraphQL response's data.</summary>
internal static class JsonPaths
{
    /// <summary>
    /// Follows the property names down from <paramref name="element"/>; false when one of them is
    /// missing or null.
    /// </summary>
    public static bool TryGetPath(
        this JsonElement element, out JsonElement value, params string[] names)
    {
        value = element;
        foreach (string name in names)
        {
            if (value.ValueKind != JsonValueKind.Object
                || !value.TryGetProperty(name, out value)
                || value.ValueKind == JsonValueKind.Null)
            {
                value = default;
                return false;
            }
        }

        return true;
    }

    public static string? GetStringAt(this JsonElement element, params string[] names) =>
        element.TryGetPath(out var value, names) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Reads a GraphQL Long, which the server may send as a JSON number or a string.</summary>
    public static long? GetInt64At(this JsonElement element, params string[] names)
    {
        if (!element.TryGetPath(out var value, names))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture,
                out long parsed))
        {
            return parsed;
        }

        return null;
    }

    public static bool? GetBooleanAt(this JsonElement element, params string[] names) =>
        element.TryGetPath(out var value, names)
        && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;
}
