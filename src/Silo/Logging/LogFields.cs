using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Pointspot.Grains.Interfaces.Logging;

namespace Pointspot.Silo.Logging;

/// <summary>The masked message, state and scope values of one log entry, shared by both console formatters.</summary>
internal static class LogFields
{
    private const string OriginalFormatKey = "{OriginalFormat}";

    public static string Message<TState>(in LogEntry<TState> entry) =>
        PhoneMask.Mask(entry.Formatter(entry.State, entry.Exception) ?? "");

    public static string? Exception<TState>(in LogEntry<TState> entry) =>
        entry.Exception is null ? null : PhoneMask.Mask(entry.Exception.ToString());

    /// <summary>The named values of the message template, masked, without the template itself.</summary>
    public static List<KeyValuePair<string, string?>> State<TState>(in LogEntry<TState> entry)
    {
        var values = new List<KeyValuePair<string, string?>>();
        if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
        {
            foreach (var (key, value) in state)
            {
                if (key != OriginalFormatKey)
                {
                    values.Add(new(key, Format(value)));
                }
            }
        }

        return values;
    }

    /// <summary>
    /// The named values of the scopes around the entry, such as RequestId and MerchantId, masked.
    /// A name that two scopes share keeps the innermost value.
    /// </summary>
    public static Dictionary<string, string?> Scopes(IExternalScopeProvider? scopeProvider)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        scopeProvider?.ForEachScope(static (scope, values) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    if (key != OriginalFormatKey)
                    {
                        values[key] = Format(value);
                    }
                }
            }
            else if (scope is not null)
            {
                values["Scope"] = Format(scope);
            }
        }, values);
        return values;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        IFormattable formattable => PhoneMask.Mask(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => PhoneMask.Mask(value.ToString() ?? ""),
    };
}
