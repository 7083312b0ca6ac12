using Microsoft.Extensions.Logging.Console;

namespace Pointspot.Silo.Logging;

public static class ConsoleLogging
{
    /// <summary>
    /// Replaces the console formatters with the two that mask phone numbers and print the
    /// request's scopes. <c>Logging:Console:FormatterName</c> set to <c>json</c> (or
    /// <c>pointspot-json</c>) selects JSON lines. Any other name, and the default, selects text.
    /// </summary>
    public static ILoggingBuilder AddPointspotConsole(this ILoggingBuilder logging)
    {
        logging.AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>();
        logging.AddConsoleFormatter<TextLogFormatter, ConsoleFormatterOptions>();

        // Post-configured, so that naming one of .NET's own formatters (json, simple, systemd)
        // still gets a masking one.
        logging.Services.PostConfigure<ConsoleLoggerOptions>(options =>
            options.FormatterName = options.FormatterName is "json" or JsonLogFormatter.Name
                ? JsonLogFormatter.Name
                : TextLogFormatter.Name);
        return logging;
    }
}
