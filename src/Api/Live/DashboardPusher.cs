using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Api.Live;

/// <summary>
/// The per-silo pusher between the ledger feed and the dashboard hub. Every silo reads every
/// committed entry from its own feed, so a dashboard connected to any silo sees the purchases of
/// all silos. Batches queue up while a send runs and go out together, one message per merchant.
/// This is the per-silo push notifier of Orleans' GPSTracker sample, a queue flushed to the hub in
/// batches, except that each silo reads the entries from the ledger instead of receiving them
/// from the grains that wrote them, so a crash loses no entry that a reconnect cannot re-read.
/// </summary>
public sealed partial class DashboardPusher(
    ILedgerFeed feed,
    IHubContext<DashboardHub> hub,
    DashboardConnections connections,
    ILogger<DashboardPusher> logger) : BackgroundService
{
    // When sends fall this far behind, the oldest batches are dropped: dashboards miss those
    // entries until they call GetSnapshot again.
    private const int MaxQueuedBatches = 4096;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = Channel.CreateBounded<LedgerEventBatch>(new BoundedChannelOptions(MaxQueuedBatches)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = true,
        });
        using var subscription = feed.Subscribe(batch =>
        {
            if (batch.Events.Count > 0)
            {
                queue.Writer.TryWrite(batch);
            }
        });

        try
        {
            var byMerchant = new Dictionary<Guid, List<LedgerEvent>>();
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                byMerchant.Clear();
                while (queue.Reader.TryRead(out var batch))
                {
                    foreach (var entry in batch.Events)
                    {
                        if (!byMerchant.TryGetValue(entry.MerchantId, out var entries))
                        {
                            byMerchant[entry.MerchantId] = entries = [];
                        }

                        entries.Add(entry);
                    }
                }

                foreach (var (merchantId, entries) in byMerchant)
                {
                    try
                    {
                        // A connection whose token was revoked since its last check leaves the group first.
                        await connections.EnsureCredentialsAsync(merchantId, stoppingToken);
                        await hub.Clients.Group(DashboardHub.GroupOf(merchantId))
                            .SendAsync(DashboardHub.EntriesMessage, entries, stoppingToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        LogPushFailed(exception, merchantId, entries.Count);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning,
        Message = "Pushing {Count} entries to the dashboards of merchant {MerchantId} failed")]
    private partial void LogPushFailed(Exception exception, Guid merchantId, int count);
}
