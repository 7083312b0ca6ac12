using System.Text.Json;

namespace Pointspot.Bench;

/// <summary>
/// The figures of one load run, written as JSON for the report. Throughput and latencies cover the
/// measured window. Acknowledged, Replayed, Rejected and Unknown count every request of the run,
/// warm-up included, because every one of them may have written to the ledger.
/// </summary>
public sealed record RunResult(
    string Mode,
    int Clients,
    double WarmupSeconds,
    double MeasuredSeconds,
    long MeasuredRequests,
    double RequestsPerSecond,
    double MeanMs,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    Dictionary<string, long> MeasuredErrors,
    long Acknowledged,
    long Replayed,
    long Rejected,
    long Unknown,
    double GeneratorCores)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public long MeasuredErrorCount => MeasuredErrors.Values.Sum();

    /// <summary>Every request of the run, warm-up included.</summary>
    public long TotalRequests => Acknowledged + Replayed + Rejected + Unknown;

    public static RunResult Load(string path) =>
        JsonSerializer.Deserialize<RunResult>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path} contains no run result.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));
}
