using System.Diagnostics;
using System.Globalization;
using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Ledger;
using Pointspot.Replay.Merchants;
using Pointspot.Replay.Purchases;
using Pointspot.Replay.Replaying;
using static Pointspot.Replay.InvariantText;

namespace Pointspot.Replay;

/// <summary>
/// One replay: reads the file, finds or signs up the merchant, sends every purchase, writes the
/// summary and the ledger check to <paramref name="output"/>, and returns the exit code.
/// </summary>
/// <param name="log">Progress and notes; stderr, so that the summary on stdout stays clean.</param>
/// <param name="logIsTerminal">Whether the progress line may be redrawn in place.</param>
internal sealed class ReplayCommand(
    ReplayOptions options, TextWriter output, TextWriter log, bool logIsTerminal)
{
    /// <summary>Invalid lines reported one by one; the rest are only counted.</summary>
    private const int MaxInvalidLinesShown = 20;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The HTTP handler to send with; null for a socket handler. Tests pass a fake server.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        PurchaseFile file;
        try
        {
            file = PurchaseFile.Read(options.File);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            log.WriteLine($"Cannot read --file {options.File}: {exception.Message}");
            return ExitCodes.Usage;
        }

        ReportInvalidLines(file.InvalidLines);

        using var http = CreateHttpClient();
        var tally = new ReplayTally();
        var client = new GraphQLClient(http, options.GraphQLEndpoint, RetryPolicy)
        {
            OnRetry = tally.RecordRetry,
        };

        // Before the replay, each retry is logged: a server that is down would otherwise keep the
        // tool silent for the whole retry policy.
        var setupClient = new GraphQLClient(http, options.GraphQLEndpoint, RetryPolicy)
        {
            OnRetry = LogRetry,
        };

        string apiKey;
        TimeZoneInfo timeZone;
        try
        {
            (apiKey, timeZone) = await ResolveMerchantAsync(setupClient, cancellationToken);
            await CheckApiKeyAsync(setupClient, apiKey, cancellationToken);
        }
        catch (SetupException exception)
        {
            log.WriteLine(exception.Message);
            return ExitCodes.Setup;
        }
        catch (UsageException exception)
        {
            log.WriteLine(exception.Message);
            return ExitCodes.Usage;
        }

        var phones = file.DistinctPhones();
        foreach (var line in file.InvalidLines)
        {
            tally.RecordInvalidLine(line);
        }

        bool interrupted = false;
        var stopwatch = Stopwatch.StartNew();
        var replayer = new PurchaseReplayer(client, apiKey, timeZone, options.Concurrency);
        await using (StartProgress("replay", file.Purchases.Count, tally.Progress))
        {
            try
            {
                await replayer.ReplayAsync(file.Purchases, tally, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                interrupted = true;
            }
        }

        var elapsed = stopwatch.Elapsed;
        ReplayReport.WriteSummary(output, tally, file.Purchases.Count, phones.Count, elapsed, interrupted);
        if (interrupted)
        {
            output.WriteLine(
                "Result: interrupted before every purchase was sent; the ledger was not checked.");
            return ExitCodes.Interrupted;
        }

        long expectedPoints = file.ExpectedPoints(MerchantSignUp.SpendPerPoint);
        var check = new LedgerCheck(client, apiKey, options.Concurrency);
        LedgerCheckResult result;
        try
        {
            result = await check.RunAsync(
                expectedPoints, phones, tally.Retries, StartProgress, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("Result: interrupted during the ledger check.");
            return ExitCodes.Interrupted;
        }

        ReplayReport.WriteLedgerCheck(output, result);
        return WriteResult(tally, file.Purchases.Count + file.InvalidLines.Count, result);
    }

    /// <param name="lines">The purchase lines of the file, invalid ones included.</param>
    private int WriteResult(ReplayTally tally, long lines, LedgerCheckResult check)
    {
        var reasons = new List<string>();
        if (tally.Rejected > 0)
        {
            reasons.Add($"{Number(tally.Rejected)} of {Number(lines)} purchases were rejected");
        }

        if (!check.Passed)
        {
            reasons.Add("the ledger check failed");
        }

        if (reasons.Count == 0)
        {
            output.WriteLine("Result: passed: every purchase was accepted and the ledger matches the file.");
            return ExitCodes.Success;
        }

        output.WriteLine($"Result: failed (exit code {ExitCodes.Failed}): {string.Join("; ", reasons)}.");
        return ExitCodes.Failed;
    }

    /// <summary>
    /// Returns the API key and time zone to replay with: from --api-key, from the key file, or
    /// from a merchant signed up now and saved to the key file.
    /// </summary>
    private async Task<(string ApiKey, TimeZoneInfo TimeZone)> ResolveMerchantAsync(
        GraphQLClient client, CancellationToken cancellationToken)
    {
        if (options.ApiKey is not null)
        {
            string id = options.TimeZone ?? ReplayOptions.DefaultTimeZone;
            log.WriteLine($"Using the merchant of the API key from --api-key, in time zone {id}.");
            return (options.ApiKey, CommandLine.ParseTimeZone(id));
        }

        if (File.Exists(options.KeyFile))
        {
            var stored = KeyFile.Load(options.KeyFile);
            if (options.TimeZone is not null
                && stored.TimeZone is not null
                && options.TimeZone != stored.TimeZone)
            {
                throw new UsageException(
                    $"--time-zone {options.TimeZone} differs from the time zone {stored.TimeZone} "
                    + $"of the merchant in {options.KeyFile}: leave out --time-zone, or give "
                    + "another --key-file to sign up a new merchant.");
            }

            string id = stored.TimeZone ?? options.TimeZone ?? ReplayOptions.DefaultTimeZone;
            log.WriteLine($"Using merchant {stored.MerchantId} from {options.KeyFile}, in time zone {id}.");
            return (stored.ApiKey, CommandLine.ParseTimeZone(id));
        }

        string timeZone = options.TimeZone ?? ReplayOptions.DefaultTimeZone;
        var created = await MerchantSignUp.SignUpAsync(client, timeZone, cancellationToken);
        KeyFile.Save(options.KeyFile, created);
        log.WriteLine($"Signed up merchant {created.MerchantId} in time zone {timeZone}; "
            + $"saved its credentials to {options.KeyFile}.");
        return (created.ApiKey, CommandLine.ParseTimeZone(timeZone));
    }

    /// <summary>
    /// Fetches pointsSummary once before the first purchase, so that a wrong address or a stale
    /// key fails here instead of once per purchase.
    /// </summary>
    private async Task CheckApiKeyAsync(
        GraphQLClient client, string apiKey, CancellationToken cancellationToken)
    {
        var (summary, error) = await PointsSummary.FetchAsync(client, apiKey, cancellationToken);
        if (summary is null)
        {
            string hint = error?.Code == "UNAUTHENTICATED" && options.ApiKey is null
                ? $" If the server's database was reset, delete {options.KeyFile} to sign up a new merchant."
                : "";
            throw new SetupException(
                $"pointsSummary at {client.Endpoint} failed with {error?.Code}: {error?.Message}{hint}");
        }

        if (summary.Entries > 0)
        {
            log.WriteLine($"The merchant already has {Number(summary.Entries)} ledger entries and "
                + $"{Number(summary.LedgerPoints)} points; purchases sent before come back as replays.");
        }
    }

    private void ReportInvalidLines(IReadOnlyList<InvalidLine> invalidLines)
    {
        foreach (var line in invalidLines.Take(MaxInvalidLinesShown))
        {
            string content = line.Content.Trim();
            log.WriteLine($"{options.File}:{line.LineNumber}: {line.Reason}: \"{content}\"");
        }

        int hidden = invalidLines.Count - MaxInvalidLinesShown;
        if (hidden > 0)
        {
            log.WriteLine($"{options.File}: {hidden} more invalid lines not shown.");
        }
    }

    private void LogRetry(GraphQLRetry retry)
    {
        string seconds = retry.Delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        log.WriteLine($"Retry {retry.Retry} of {RetryPolicy.MaxAttempts - 1} in {seconds} s "
            + $"after {retry.Code}: {retry.Message}");
    }

    private ProgressDisplay StartProgress(string label, long total, Func<ProgressCounts> readCounts) =>
        ProgressDisplay.Start(label, total, readCounts, log, logIsTerminal);

    private HttpClient CreateHttpClient()
    {
        if (Handler is not null)
        {
            return new HttpClient(Handler, disposeHandler: false) { Timeout = RequestTimeout };
        }

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Concurrency,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };

        return new HttpClient(handler) { Timeout = RequestTimeout };
    }
}
