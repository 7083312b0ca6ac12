using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pointspot.Bench;

/// <summary>The "run" command: one load run at one concurrency, written to a JSON result file.</summary>
public static partial class LoadCommand
{
    public static async Task<int> RunAsync(CommandLine options)
    {
        var endpoint = BenchHttp.ParseEndpoint(options.Text("url"));
        string mode = options.Text("mode");
        int clients = options.Integer("clients", 64, min: 1);
        int seconds = options.Integer("seconds", 30, min: 1);
        int warmupSeconds = options.Integer("warmup-seconds", 5, min: 0);
        int members = options.Integer("members", 100_000, min: 1);
        string tag = options.Text("tag");
        string output = options.Text("output");
        if (!TagPattern().IsMatch(tag))
        {
            throw new UsageException($"--tag \"{tag}\" is invalid: use 1 to 24 letters, digits or dashes.");
        }

        if (members > 100_000_000)
        {
            throw new UsageException($"--members {members} is too large: phone numbers 06xxxxxxxx allow 100,000,000.");
        }

        string apiKey = ReadApiKey(options.Text("api-key-file"));
        var occurredAt = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddMinutes(-1);
        IRequestSource source = mode switch
        {
            "collect" => new CollectRequestSource(tag, $"c{clients}", occurredAt,
                new RandomMemberChooser(members, clients, seed: HashCode.Combine(tag, clients))),
            "prime" => new CollectRequestSource(tag, "prime", occurredAt, new EachMemberOnceChooser(members)),
            "ceiling" => new TypenameRequestSource(),
            _ => throw new UsageException($"--mode \"{mode}\" is invalid: use collect, prime or ceiling."),
        };

        using var client = BenchHttp.CreateClient(clients, apiKey);
        var runner = new LoadRunner(client, endpoint, source);
        var result = mode == "prime"
            ? await runner.RunAsync(mode, clients, TimeSpan.Zero, measured: null)
            : await runner.RunAsync(mode, clients, TimeSpan.FromSeconds(warmupSeconds), TimeSpan.FromSeconds(seconds));

        result.Save(output);
        PrintSummary(result);
        return 0;
    }

    private static string ReadApiKey(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("apiKey").GetString()
            ?? throw new UsageException($"{path} has no apiKey: run the setup command first.");
    }

    private static void PrintSummary(RunResult result)
    {
        string errors = result.MeasuredErrors.Count == 0
            ? "none"
            : string.Join(", ", result.MeasuredErrors
                .OrderByDescending(e => e.Value)
                .Select(e => $"{e.Key} {e.Value:N0}"));
        Console.WriteLine(
            $"  {result.Mode} c={result.Clients}: {result.RequestsPerSecond:N0} req/s "
            + $"over {result.MeasuredSeconds:F1} s, "
            + $"p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, max {result.MaxMs:F1} ms; errors: {errors}; "
            + $"generator used {result.GeneratorCores:F2} cores");
        Console.WriteLine(
            $"  whole run: {result.Acknowledged:N0} acknowledged, {result.Replayed:N0} replayed, "
            + $"{result.Rejected:N0} rejected, {result.Unknown:N0} with unknown outcome");
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,24}$")]
    private static partial Regex TagPattern();
}
