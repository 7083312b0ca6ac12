using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Grains.Webhooks;

/// <summary>
/// Delivers ledger entries to webhook subscriptions, in every silo. A silo leases a due
/// subscription, posts its entries one at a time in sequence order and moves the stored cursor
/// after each 2xx answer. A failure schedules a retry with exponential backoff and releases the
/// lease; after <see cref="WebhookOptions.RetryPeriod"/> of failures the entry is abandoned.
/// </summary>
/// <remarks>
/// Delivery is at least once: a silo that crashes after the partner received an entry but before
/// the cursor moved leaves the lease to run out, and another silo posts the entry again. Partners
/// deduplicate by sequence.
/// </remarks>
public sealed partial class WebhookDispatcher(
    DeliveryStore store,
    ILedgerFeed feed,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    private const int EntriesPerRead = 100;

    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await feed.WhenReadyAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var leased = await store.LeaseDueAsync(feed.Watermark, _options.MaxConcurrentSubscriptions,
                        _options.LeaseDuration);
                    await Task.WhenAll(leased.Select(subscription => DeliverAsync(subscription, stoppingToken)));
                }
                catch (NpgsqlException exception)
                {
                    LogLeaseFailed(exception);
                }

                await Task.Delay(_options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(LeasedSubscription subscription, CancellationToken stoppingToken)
    {
        try
        {
            long cursor = subscription.DeliveredThrough;
            int attempts = subscription.Attempts;
            while (!stoppingToken.IsCancellationRequested)
            {
                long watermark = feed.Watermark;
                var entries = await store.NextEntriesAsync(subscription, cursor, watermark, EntriesPerRead);
                if (entries.Count == 0)
                {
                    await store.SkipToAsync(subscription, watermark, _options.LeaseDuration);
                    break;
                }

                foreach (var entry in entries)
                {
                    var attempt = await PostAsync(subscription, entry, attempts + 1, stoppingToken);
                    if (attempt.Outcome == "DELIVERED")
                    {
                        if (!await store.RecordDeliveredAsync(subscription, attempt, _options.LeaseDuration))
                        {
                            return;
                        }

                        cursor = entry.Sequence;
                        attempts = 0;
                        continue;
                    }

                    var failingSince = subscription.FirstFailedAt is { } first && attempts > 0 ? first : attempt.AttemptedAt;
                    bool abandon = attempt.AttemptedAt - failingSince >= _options.RetryPeriod;
                    var next = attempt.AttemptedAt + _options.RetryDelay(attempt.Attempt);
                    await store.RecordFailedAsync(subscription, attempt with
                    {
                        Outcome = abandon ? "ABANDONED" : "FAILED",
                    }, next, abandon);
                    LogDeliveryFailed(subscription.Id, entry.Sequence, attempt.Attempt, attempt.StatusCode, attempt.Error,
                        abandon);
                    return;
                }
            }

            await store.ReleaseAsync(subscription);
        }
        catch (NpgsqlException exception)
        {
            // The lease runs out and another look delivers the subscription again.
            LogDeliverFailed(exception, subscription.Id);
        }
    }

    private async Task<DeliveryAttempt> PostAsync(
        LeasedSubscription subscription, LedgerEvent entry, int attemptNumber, CancellationToken stoppingToken)
    {
        var attemptedAt = clock.GetUtcNow();
        byte[] body = WebhookPayload.Body(subscription.Id, entry, attemptedAt);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookPayload.SignatureHeader, WebhookPayload.Sign(subscription.Secret, body));
        request.Headers.Add(WebhookPayload.TimestampHeader, attemptedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookPayload.SequenceHeader, entry.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookPayload.WebhookIdHeader, subscription.Id.ToString());

        var stopwatch = Stopwatch.StartNew();
        int? status = null;
        string? error = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_options.RequestTimeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"the receiver answered HTTP {status}";
            }
        }
        catch (HttpRequestException exception)
        {
            error = $"the request failed: {exception.Message}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            error = $"no answer within {_options.RequestTimeout.TotalSeconds:0.#} s";
        }

        int duration = (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);
        return new DeliveryAttempt(entry.Sequence, attemptNumber, error is null ? "DELIVERED" : "FAILED", status, error,
            attemptedAt, duration);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Leasing due webhook subscriptions failed")]
    private partial void LogLeaseFailed(Exception exception);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning,
        Message = "Delivering to webhook {WebhookId} failed; its lease runs out and another attempt follows")]
    private partial void LogDeliverFailed(Exception exception, Guid webhookId);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information,
        Message = "Webhook {WebhookId} attempt {Attempt} at sequence {Sequence} failed with status {Status}: {Error}; abandoned: {Abandoned}")]
    private partial void LogDeliveryFailed(Guid webhookId, long sequence, int attempt, int? status, string? error, bool abandoned);
}
