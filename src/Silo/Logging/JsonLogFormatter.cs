using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Pointspot.Silo.Logging;

/// <summary>
/// One JSON object per line: timestamp (UTC), level, category, eventId, message, exception, the
/// template's values under "state" and the scopes' values (RequestId, MerchantId, ...) under
/// "scope". Phone numbers are masked in every string.
/// </summary>
public sealed class JsonLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "pointspot-json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // "+66..." and Thai text stay readable instead of "\u002B66...".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public override void Write<TState>(
        in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", DateTimeOffset.UtcNow);
            writer.WriteString("level", logEntry.LogLevel.ToString());
            writer.WriteString("category", logEntry.Category);
            writer.WriteNumber("eventId", logEntry.EventId.Id);
            writer.WriteString("message", LogFields.Message(logEntry));
            if (LogFields.Exception(logEntry) is { } exception)
            {
                writer.WriteString("exception", exception);
            }

            WriteObject(writer, "state", LogFields.State(logEntry));
            WriteObject(writer, "scope", LogFields.Scopes(scopeProvider));
            writer.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private static void WriteObject(
        Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string?>> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }
}
