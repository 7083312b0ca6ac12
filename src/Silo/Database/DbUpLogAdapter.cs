using System.Globalization;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace Pointspot.Silo.Database;

/// <summary>
/// Forwards dbup's progress messages to an <see cref="ILogger"/> at Debug level.
/// </summary>
/// <remarks>
/// dbup's errors go to Debug too, because <see cref="DatabaseMigrator.Apply"/> raises them as a
/// <see cref="DatabaseMigrationException"/> that the caller logs. Warnings stay warnings.
/// </remarks>
internal sealed partial class DbUpLogAdapter(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => LogDetail(logger, Format(format, args));

    public void LogDebug(string format, params object[] args) => LogDetail(logger, Format(format, args));

    public void LogInformation(string format, params object[] args) =>
        LogDetail(logger, Format(format, args));

    public void LogWarning(string format, params object[] args) =>
        LogDbUpWarning(logger, Format(format, args));

    public void LogError(string format, params object[] args) => LogDetail(logger, Format(format, args));

    public void LogError(Exception ex, string format, params object[] args) =>
        LogDetail(logger, Format(format, args));

    // dbup sometimes passes preformatted text, such as an exception's ToString(), with no
    // arguments. That text may contain braces, so it must not go through string.Format.
    private static string Format(string format, object[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "dbup: {DbUpMessage}")]
    private static partial void LogDetail(ILogger logger, string dbUpMessage);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "dbup: {DbUpMessage}")]
    private static partial void LogDbUpWarning(ILogger logger, string dbUpMessage);
}
