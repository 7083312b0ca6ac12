using Microsoft.Extensions.Logging;

namespace Pointspot.Silo.Tests;

/// <summary>
/// A logger that stores every formatted message so that a test can assert on it.
/// </summary>
public sealed class ListLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId EventId, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, EventId EventId, string Message)> Entries
    {
        get
        {
            lock (entries)
            {
                return entries.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(
        LogLevel logLevel,
        EventId eventId,
        TState state,
        Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        lock (entries)
        {
            entries.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
