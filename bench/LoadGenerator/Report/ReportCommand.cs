using System.Globalization;

namespace Pointspot.Bench.Report;

/// <summary>
/// The "report" command: prints the figures and ratios of a results folder, and with --docs
/// appends them to the benchmark table.
/// </summary>
public static class ReportCommand
{
    /// <summary>The concurrency at which the p99 target applies.</summary>
    public const int P99TargetClients = 64;
    public const double P99TargetMs = 25;
    public const double PgbenchTarget = 2.0;
    public const double CeilingTarget = 0.6;

    public static int Run(CommandLine options)
    {
        var results = ResultSet.Load(options.Text("results"));
        var ledger = LedgerCheck.From(results);

        PrintTable(results);
        PrintServerUsage(results);
        PrintLedgerCheck(ledger);
        PrintTargets(results);

        if (options.OptionalText("docs") is { } docs)
        {
            var record = new BenchmarkRecord(
                DateTimeOffset.UtcNow, options.Text("kind"), options.Text("commit"), options.Text("machine"),
                options.Text("command"), results, ledger);
            record.AppendTo(docs);
            Console.WriteLine($"Recorded this {record.Kind} run in {docs}.");
        }

        return ledger is { Passed: false } ? 1 : 0;
    }

    private static void PrintTable(ResultSet results)
    {
        if (results.Prime is { } prime)
        {
            Console.WriteLine(
                $"Prime (one collectPoints per member, {prime.Clients} clients): {prime.MeasuredRequests:N0} requests, "
                + $"{prime.RequestsPerSecond:N0} req/s, p50 {prime.P50Ms:F1} ms, p99 {prime.P99Ms:F1} ms.");
        }

        Console.WriteLine();
        Console.WriteLine(
            $"{"clients",7} {"collect/s",10} {"p50 ms",7} {"p99 ms",7} {"max ms",8} {"errors",7} "
            + $"{"pgbench tps",11} {"÷pgbench",8} {"ceiling/s",10} {"÷ceiling",8}");
        foreach (var level in results.Levels)
        {
            var collect = level.Collect;
            Console.WriteLine(
                $"{level.Clients,7} {collect.RequestsPerSecond,10:N0} {collect.P50Ms,7:F1} {collect.P99Ms,7:F1} "
                + $"{collect.MaxMs,8:F1} {collect.MeasuredErrorCount,7:N0} {Format(level.Pgbench?.Tps, "N0"),11} "
                + $"{Format(level.PgbenchRatio, "F2"),8} {Format(level.Ceiling?.RequestsPerSecond, "N0"),10} "
                + $"{Format(level.CeilingRatio, "F2"),8}");
        }

        foreach (var level in results.Levels.Where(l => l.Collect.MeasuredErrors.Count > 0))
        {
            string codes = string.Join(", ", level.Collect.MeasuredErrors.Select(e => $"{e.Key} {e.Value:N0}"));
            Console.WriteLine($"  errors at {level.Clients} clients: {codes}");
        }
    }

    private static void PrintServerUsage(ResultSet results)
    {
        Console.WriteLine();
        Console.WriteLine(
            "Server side, whole run with warm-up (cores = CPU seconds per wall second, of "
            + $"{Environment.ProcessorCount}; µs = CPU microseconds per request):");
        foreach (var level in results.Levels)
        {
            var collect = level.CollectUsage;
            long collectRequests = level.Collect.TotalRequests;
            Console.WriteLine(
                $"  {level.Clients,3} clients  collectPoints: silo {Format(collect?.SiloCores, "F2")} cores "
                + $"{Format(collect?.MicrosecondsPerRequest(collect.SiloCores, collectRequests), "N0")} µs, "
                + "PostgreSQL "
                + $"{Format(collect?.PostgresCores, "F2")} cores "
                + $"{Format(collect?.MicrosecondsPerRequest(collect.PostgresCores, collectRequests), "N0")} µs, "
                + $"generator {level.Collect.GeneratorCores:F2} cores; {Format(collect?.RowsPerFlush, "F1")} rows per "
                + $"ledger flush ({Format(collect?.LedgerFlushes, "N0")} flushes, "
                + $"mean {Format(collect?.FlushMeanMs, "F2")} ms), "
                + $"{Format(collect?.WalSyncs, "N0")} WAL syncs for {Format(collect?.Commits, "N0")} commits");

            var ceiling = level.CeilingUsage;
            long ceilingRequests = level.Ceiling?.TotalRequests ?? 0;
            Console.WriteLine(
                $"               ceiling: silo {Format(ceiling?.SiloCores, "F2")} cores "
                + $"{Format(ceiling?.MicrosecondsPerRequest(ceiling.SiloCores, ceilingRequests), "N0")} µs, "
                + $"generator {Format(level.Ceiling?.GeneratorCores, "F2")} cores");

            var pgbench = level.PgbenchUsage;
            long transactions = level.Pgbench?.Transactions ?? 0;
            Console.WriteLine(
                $"               pgbench: PostgreSQL {Format(pgbench?.PostgresCores, "F2")} cores "
                + $"{Format(pgbench?.MicrosecondsPerRequest(pgbench.PostgresCores, transactions), "N0")} µs per "
                + $"transaction, {Format(pgbench?.WalSyncs, "N0")} WAL syncs for "
                + $"{Format(pgbench?.Commits, "N0")} commits");
        }
    }

    private static void PrintLedgerCheck(LedgerCheck? ledger)
    {
        Console.WriteLine();
        if (ledger is null)
        {
            Console.WriteLine("Ledger check: not run (ledger.json is missing).");
            return;
        }

        Console.WriteLine(
            $"Ledger check: {ledger.Rows:N0} ledger rows, {ledger.Acknowledged:N0} acknowledged collectPoints "
            + $"responses ({ledger.Unknown:N0} with unknown outcome, {ledger.Replayed:N0} replayed): {ledger.Verdict}");
    }

    private static void PrintTargets(ResultSet results)
    {
        Console.WriteLine("Targets:");
        foreach (var level in results.Levels)
        {
            Console.WriteLine(
                $"  {level.Clients,3} clients: ÷pgbench {Format(level.PgbenchRatio, "F2")} "
                + $"({Verdict(level.PgbenchRatio >= PgbenchTarget)} ≥ {PgbenchTarget:F1}), ÷ceiling "
                + $"{Format(level.CeilingRatio, "F2")} "
                + $"({Verdict(level.CeilingRatio >= CeilingTarget)} ≥ {CeilingTarget:F1})");
        }

        var p99Level = results.Levels.FirstOrDefault(l => l.Clients == P99TargetClients);
        Console.WriteLine(p99Level is null
            ? $"  p99 ≤ {P99TargetMs} ms at {P99TargetClients} clients: not measured in this run."
            : $"  p99 at {P99TargetClients} clients: {p99Level.Collect.P99Ms:F1} ms "
              + $"({Verdict(p99Level.Collect.P99Ms <= P99TargetMs)} ≤ {P99TargetMs} ms)");
    }

    private static string Verdict(bool? met) => met switch
    {
        true => "meets",
        false => "misses",
        null => "not measured",
    };

    public static string Format(double? value, string format) =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    public static string Format(long? value, string format) =>
        value is { } number ? number.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
