using System.Diagnostics;
using System.Globalization;

namespace Pointspot.Replay.Replaying;

/// <summary>Counts shown by a progress line.</summary>
/// <param name="Done">Requests that got a final response, accepted or rejected.</param>
internal readonly record struct ProgressCounts(long Done, long Errors, long Retries);

/// <summary>
/// Shows progress on stderr. A terminal gets one line redrawn ten times a second. Other output,
/// such as a log file, gets a plain line every five seconds and no carriage returns. Dispose
/// writes the last line.
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    public static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private const int BarWidth = 24;

    private readonly string label;
    private readonly long total;
    private readonly Func<ProgressCounts> readCounts;
    private readonly TextWriter output;
    private readonly bool terminal;
    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int lastLength;

    private ProgressDisplay(
        string label, long total, Func<ProgressCounts> readCounts, TextWriter output, bool terminal)
    {
        this.label = label;
        this.total = total;
        this.readCounts = readCounts;
        this.output = output;
        this.terminal = terminal;
        loop = RunAsync();
    }

    /// <param name="terminal">Whether <paramref name="output"/> is a terminal that can redraw a line.</param>
    public static ProgressDisplay Start(
        string label, long total, Func<ProgressCounts> readCounts, TextWriter output, bool terminal) =>
        new(label, total, readCounts, output, terminal);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        Draw(final: true);
        stop.Dispose();
    }

    /// <summary>
    /// Formats one progress line, for example
    /// "replay [######------] 500/1,000 50.0% 120/s errors 0 retries 0 4s".
    /// </summary>
    public static string FormatLine(
        string label, ProgressCounts counts, long total, TimeSpan elapsed, bool withBar)
    {
        double fraction = total > 0 ? Math.Clamp((double)counts.Done / total, 0, 1) : 1;
        double rate = elapsed.TotalSeconds > 0 ? counts.Done / elapsed.TotalSeconds : 0;
        string bar = "";
        if (withBar)
        {
            int filled = (int)Math.Round(fraction * BarWidth);
            bar = "[" + new string('#', filled) + new string('-', BarWidth - filled) + "] ";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"{label} {bar}{counts.Done:N0}/{total:N0} {fraction * 100:0.0}% {rate:N0}/s "
            + $"errors {counts.Errors:N0} retries {counts.Retries:N0} {elapsed.TotalSeconds:0}s");
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(terminal ? TerminalInterval : LogInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Draw(final: false);
            }
        }
        catch (OperationCanceledException)
        {
            // Dispose stopped the timer; it draws the last line itself.
        }
    }

    private void Draw(bool final)
    {
        var counts = readCounts();
        var elapsed = stopwatch.Elapsed;
        if (!terminal)
        {
            output.WriteLine(FormatLine(label, counts, total, elapsed, withBar: false));
            return;
        }

        string line = FitToWidth(counts, elapsed);

        // Pad with spaces so that a shorter line fully covers the one drawn before it.
        output.Write("\r" + line.PadRight(lastLength));
        lastLength = line.Length;
        if (final)
        {
            output.WriteLine();
        }

        output.Flush();
    }

    private string FitToWidth(ProgressCounts counts, TimeSpan elapsed)
    {
        string line = FormatLine(label, counts, total, elapsed, withBar: true);
        int width = TerminalWidth();
        if (width <= 0 || line.Length < width)
        {
            return line;
        }

        // A line as wide as the terminal wraps, and \r then redraws only its last part.
        line = FormatLine(label, counts, total, elapsed, withBar: false);
        return line.Length < width ? line : line[..(width - 1)];
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
