using System.Globalization;
using System.Text;

namespace Pointspot.Bench.Report;

/// <summary>
/// One run as a row of the table at the end of docs/benchmarks.md. Cells with one figure per
/// concurrency list them in the order of the Clients cell, separated by " · ".
/// </summary>
public sealed record BenchmarkRecord(
    DateTimeOffset Date,
    string Kind,
    string Commit,
    string Machine,
    string Command,
    ResultSet Results,
    LedgerCheck? Ledger)
{
    private const string Separator = " · ";

    /// <summary>The table's columns; <see cref="ToRow"/> writes its cells in this order.</summary>
    private static readonly string[] Columns =
    [
        "Date (UTC)", "Kind", "Commit", "Machine", "Clients", "collectPoints req/s", "p50 / p99 / max ms",
        "Errors", "pgbench POS tps", "÷ pgbench", "Ceiling req/s", "÷ ceiling", "Ledger rows = acknowledged",
        "Command",
    ];

    /// <summary>The first line of the table header, as docs/benchmarks.md must contain it.</summary>
    public static string TableHeader { get; } = "| " + string.Join(" | ", Columns) + " |";

    public void AppendTo(string path)
    {
        string existing = File.Exists(path) ? File.ReadAllText(path) : "";
        if (!existing.Contains(TableHeader, StringComparison.Ordinal))
        {
            throw new UsageException($"{path} has no benchmark table: add this header line and a separator row "
                + $"under it, then run again.\n{TableHeader}");
        }

        var text = new StringBuilder();
        if (existing.Length > 0 && !existing.EndsWith('\n'))
        {
            text.Append('\n');
        }

        text.Append(ToRow()).Append('\n');
        File.AppendAllText(path, text.ToString());
    }

    public string ToRow()
    {
        var levels = Results.Levels;
        string[] cells =
        [
            Date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            Kind,
            $"`{Commit}`",
            Machine,
            Join(levels, l => l.Clients.ToString(CultureInfo.InvariantCulture)),
            Join(levels, l => l.Collect.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
            Join(levels, LatencyCell),
            Join(levels, ErrorsCell),
            Join(levels, l => ReportCommand.Format(l.Pgbench?.Tps, "N0")),
            Join(levels, l => ReportCommand.Format(l.PgbenchRatio, "F2")),
            Join(levels, l => ReportCommand.Format(l.Ceiling?.RequestsPerSecond, "N0")),
            Join(levels, l => ReportCommand.Format(l.CeilingRatio, "F2")),
            Ledger?.Cell ?? "not checked",
            $"`{Command}`",
        ];
        return "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
    }

    private static string LatencyCell(LevelResult level)
    {
        var collect = level.Collect;
        return string.Create(
            CultureInfo.InvariantCulture, $"{collect.P50Ms:F1} / {collect.P99Ms:F1} / {collect.MaxMs:F0}");
    }

    private static string ErrorsCell(LevelResult level)
    {
        var errors = level.Collect.MeasuredErrors;
        return errors.Count == 0
            ? "0"
            : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value:N0}"));
    }

    private static string Join(IEnumerable<LevelResult> levels, Func<LevelResult, string> cell) =>
        string.Join(Separator, levels.Select(cell));
}
