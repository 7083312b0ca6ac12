using System.Diagnostics;
using System.Net.Http.Headers;

namespace Pointspot.Bench;

/// <summary>
/// A closed-loop load: each client sends its next request as soon as the previous response is
/// read, so the number of requests in flight equals the number of clients.
/// </summary>
public sealed class LoadRunner(HttpClient client, Uri endpoint, IRequestSource source)
{
    private const int BodyBufferBytes = 4096;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private long _completed;

    /// <summary>
    /// Runs <paramref name="clients"/> clients for the warm-up and then the measured window. With no
    /// measured duration the run lasts until the source has no request left, and all of it is measured.
    /// </summary>
    public async Task<RunResult> RunAsync(string mode, int clients, TimeSpan warmup, TimeSpan? measured)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        long end = measured is { } window
            ? measureFrom + (long)(window.TotalSeconds * Stopwatch.Frequency)
            : long.MaxValue;

        var tallies = Enumerable.Range(0, clients).Select(_ => new ClientTally()).ToArray();
        using var progress = new CancellationTokenSource();
        var progressTask = ReportProgressAsync(start, progress.Token);
        var clientTasks = Enumerable.Range(0, clients)
            .Select(index => Task.Run(() => RunClientAsync(index, tallies[index], measureFrom, end)))
            .ToArray();
        await Task.WhenAll(clientTasks);
        long finished = Stopwatch.GetTimestamp();
        await progress.CancelAsync();
        await progressTask;

        process.Refresh();
        double wallSeconds = Stopwatch.GetElapsedTime(start, finished).TotalSeconds;
        double cores = (process.TotalProcessorTime - cpuBefore).TotalSeconds / wallSeconds;
        double measuredSeconds = measured?.TotalSeconds ?? Stopwatch.GetElapsedTime(measureFrom, finished).TotalSeconds;
        return Summarize(mode, clients, warmup.TotalSeconds, measuredSeconds, tallies, cores);
    }

    private async Task RunClientAsync(int index, ClientTally tally, long measureFrom, long end)
    {
        byte[] buffer = new byte[BodyBufferBytes];
        for (long sequence = 0; ; sequence++)
        {
            long started = Stopwatch.GetTimestamp();
            if (started >= end || !source.TryWrite(index, sequence, buffer, out int length))
            {
                return;
            }

            var outcome = await SendAsync(buffer, length);
            tally.Add(outcome, Stopwatch.GetTimestamp() - started, started >= measureFrom);
            Interlocked.Increment(ref _completed);
        }
    }

    private async Task<Outcome> SendAsync(byte[] buffer, int length)
    {
        // The content wraps the client's buffer without copying it. That is safe because the client
        // writes its next body only after this response has been read, so the body was sent.
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ByteArrayContent(buffer, 0, length),
        };
        request.Content.Headers.ContentType = JsonContentType;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            byte[] body = await response.Content.ReadAsByteArrayAsync();
            return ResponseClassifier.Classify((int)response.StatusCode, body, source.ResultField);
        }
        catch (TaskCanceledException)
        {
            return Outcome.Unknown("TIMEOUT");
        }
        catch (HttpRequestException exception)
        {
            return Outcome.Unknown($"HTTP_{exception.HttpRequestError}");
        }
    }

    private async Task ReportProgressAsync(long start, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        long previous = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                long completed = Interlocked.Read(ref _completed);
                double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
                double rate = (completed - previous) / 5.0;
                Console.WriteLine($"    {elapsed,5:F0} s  {completed,10:N0} requests  {rate,9:N0} req/s");
                previous = completed;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    private static RunResult Summarize(
        string mode, int clients, double warmupSeconds, double measuredSeconds, ClientTally[] tallies, double cores)
    {
        var latencies = new LatencySummary(tallies.Select(t => t.MeasuredLatencies));
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, count) in tallies.SelectMany(t => t.MeasuredErrors))
        {
            errors[code] = errors.GetValueOrDefault(code) + count;
        }

        long measuredRequests = tallies.Sum(t => t.Measured);
        return new RunResult(
            mode, clients, warmupSeconds, measuredSeconds, measuredRequests,
            measuredSeconds > 0 ? measuredRequests / measuredSeconds : 0,
            latencies.MeanMs, latencies.PercentileMs(0.50), latencies.PercentileMs(0.90),
            latencies.PercentileMs(0.99), latencies.MaxMs, errors,
            tallies.Sum(t => t.Acknowledged), tallies.Sum(t => t.Replayed),
            tallies.Sum(t => t.Rejected), tallies.Sum(t => t.Unknown), cores);
    }
}
