using System.Globalization;
using System.Text.Json.Nodes;

namespace Pointspot.Bench.Report;

/// <summary>The figures of one concurrency level, from the files that bench/run.sh wrote.</summary>
public sealed record LevelResult(
    int Clients,
    RunResult Collect,
    RunResult? Ceiling,
    PgbenchResult? Pgbench,
    ServerUsage? CollectUsage,
    ServerUsage? CeilingUsage,
    ServerUsage? PgbenchUsage)
{
    public double? PgbenchRatio => Pgbench is { Tps: > 0 } p ? Collect.RequestsPerSecond / p.Tps : null;

    public double? CeilingRatio =>
        Ceiling is { RequestsPerSecond: > 0 } c ? Collect.RequestsPerSecond / c.RequestsPerSecond : null;
}

/// <summary>
/// pgbench's figures: the mean tps and the tps-weighted latency of the measured window, and the
/// transactions and failures of the whole run.
/// </summary>
public sealed record PgbenchResult(double Tps, double LatencyMs, long Transactions, long Failed);

/// <summary>
/// What the server side did during one run. CPU is in cores (CPU seconds per wall second) for the
/// silo and for PostgreSQL. PostgreSQL's statistics give the ledger flushes, the rows they wrote,
/// their mean execution time, the WAL syncs to disk and the commits.
/// </summary>
public sealed record ServerUsage(
    double? WallSeconds,
    double? SiloCores,
    double? PostgresCores,
    long? LedgerFlushes,
    long? LedgerRows,
    double? FlushMeanMs,
    long? WalSyncs,
    long? Commits)
{
    public double? RowsPerFlush => LedgerFlushes is > 0 ? (double?)LedgerRows / LedgerFlushes : null;

    /// <summary>Returns the CPU microseconds that <paramref name="cores"/> spent per request of the run.</summary>
    public double? MicrosecondsPerRequest(double? cores, long requests) =>
        requests > 0 && cores is { } used && WallSeconds is { } wall ? used * wall * 1e6 / requests : null;
}

/// <summary>Every result in one results folder.</summary>
public sealed class ResultSet
{
    private ResultSet(string folder, RunResult? prime, IReadOnlyList<LevelResult> levels, long? ledgerRows)
    {
        Folder = folder;
        Prime = prime;
        Levels = levels;
        LedgerRows = ledgerRows;
    }

    public string Folder { get; }

    public RunResult? Prime { get; }

    public IReadOnlyList<LevelResult> Levels { get; }

    /// <summary>The ledger rows of the benchmark merchant, counted after the last collectPoints run.</summary>
    public long? LedgerRows { get; }

    /// <summary>Every run that sent collectPoints, and so may have written ledger rows.</summary>
    public IEnumerable<RunResult> WritingRuns => Levels.Select(l => l.Collect).Prepend(Prime).OfType<RunResult>();

    public static ResultSet Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException(
                $"--results \"{folder}\" is not a folder: pass the folder that bench/run.sh printed.");
        }

        var levels = new List<LevelResult>();
        foreach (string path in Directory.GetFiles(folder, "collect-c*.json"))
        {
            var collect = RunResult.Load(path);
            int clients = collect.Clients;
            levels.Add(new LevelResult(
                clients,
                collect,
                LoadOptional(folder, $"ceiling-c{clients}.json", RunResult.Load),
                LoadOptional(folder, $"pgbench-c{clients}.json", LoadPgbench),
                LoadOptional(folder, $"server-collect-c{clients}.json", LoadUsage),
                LoadOptional(folder, $"server-ceiling-c{clients}.json", LoadUsage),
                LoadOptional(folder, $"server-pgbench-c{clients}.json", LoadUsage)));
        }

        if (levels.Count == 0)
        {
            throw new UsageException($"{folder} has no collect-c*.json: the collectPoints runs did not finish.");
        }

        var prime = LoadOptional(folder, "prime.json", RunResult.Load);
        var ledger = LoadOptional(folder, "ledger.json", path => ReadJson(path)["rows"]!.GetValue<long>());
        return new ResultSet(folder, prime, levels.OrderBy(l => l.Clients).ToList(), ledger);
    }

    private static T? LoadOptional<T>(string folder, string name, Func<string, T> load) where T : notnull
    {
        string path = Path.Combine(folder, name);
        return File.Exists(path) ? load(path) : default;
    }

    private static PgbenchResult LoadPgbench(string path)
    {
        var json = ReadJson(path);
        return new PgbenchResult(
            Number(json, "tps") ?? 0, Number(json, "latencyMs") ?? 0, (long)(Number(json, "transactions") ?? 0),
            (long)(Number(json, "failed") ?? 0));
    }

    private static ServerUsage LoadUsage(string path)
    {
        var json = ReadJson(path);
        return new ServerUsage(
            Number(json, "wallSeconds"), Number(json, "siloCores"), Number(json, "postgresCores"),
            (long?)Number(json, "ledgerFlushes"),
            (long?)Number(json, "ledgerRows"), Number(json, "flushMeanMs"), (long?)Number(json, "walSyncs"),
            (long?)Number(json, "commits"));
    }

    private static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");

    // A figure missing from the file, as in results of an older harness, reads as null.
    private static double? Number(JsonNode json, string name) =>
        json[name] is JsonValue value ? double.Parse(value.ToString(), CultureInfo.InvariantCulture) : null;
}
