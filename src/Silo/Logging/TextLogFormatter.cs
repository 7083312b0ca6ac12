using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Pointspot.Silo.Logging;

/// <summary>
/// One line per entry, for a terminal or the systemd journal:
/// <c>info: Category[EventId] message => RequestId:... MerchantId:...</c>, then the exception, if
/// any, on the lines after it. Phone numbers are masked.
/// </summary>
public sealed class TextLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "pointspot-text";

    public override void Write<TState>(
        in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        textWriter.Write(LevelLabel(logEntry.LogLevel));
        textWriter.Write(": ");
        textWriter.Write(logEntry.Category);
        textWriter.Write('[');
        textWriter.Write(logEntry.EventId.Id);
        textWriter.Write("] ");
        textWriter.Write(LogFields.Message(logEntry));

        var scopes = LogFields.Scopes(scopeProvider);
        if (scopes.Count > 0)
        {
            textWriter.Write(" =>");
            foreach (var (key, value) in scopes)
            {
                textWriter.Write(' ');
                textWriter.Write(key);
                textWriter.Write(':');
                textWriter.Write(value);
            }
        }

        textWriter.Write(Environment.NewLine);
        if (LogFields.Exception(logEntry) is { } exception)
        {
            textWriter.Write(exception);
            textWriter.Write(Environment.NewLine);
        }
    }

    private static string LevelLabel(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
