using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Api.Live;

/// <summary>
/// One merchant's ledger events after a sequence: first the backlog from the ledger, then the
/// feed's batches, without a gap or a repeat at the seam.
/// </summary>
/// <remarks>
/// The feed publishes contiguous ranges of sequences, and everything up to its watermark can be
/// read from the ledger. The stream keeps the highest sequence it has covered. It reads whatever
/// lies between that and the next batch from the ledger: the backlog at the start, or batches
/// dropped because the consumer fell behind. Events at or below it are skipped.
/// </remarks>
public static class LedgerEventStream
{
    private const int PageSize = 500;
    private const int MaxQueuedBatches = 1024;

    public static async IAsyncEnumerable<LedgerEvent> ReadAsync(
        ILedgerFeed feed, Guid merchantId, long? afterSequence, Func<LedgerEvent, bool> filter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await feed.WhenReadyAsync(cancellationToken);
        var batches = Channel.CreateBounded<LedgerEventBatch>(new BoundedChannelOptions(MaxQueuedBatches)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
            SingleWriter = true,
        });
        int dropped = 0;
        using var subscription = feed.Subscribe(batch =>
        {
            if (!batches.Writer.TryWrite(batch))
            {
                Volatile.Write(ref dropped, 1);
            }
        });

        // Without a starting point the stream begins with the entries committed from now on.
        long covered = afterSequence ?? feed.Watermark;
        while (true)
        {
            long target = feed.Watermark;
            if (Interlocked.Exchange(ref dropped, 0) == 1 || covered < target && batches.Reader.Count == 0)
            {
                await foreach (var backlog in ReadLedgerAsync(feed, merchantId, covered, target, cancellationToken))
                {
                    if (filter(backlog))
                    {
                        yield return backlog;
                    }
                }

                covered = Math.Max(covered, target);
            }

            var batch = await batches.Reader.ReadAsync(cancellationToken);
            if (batch.ThroughSequence <= covered)
            {
                continue;
            }

            if (batch.AfterSequence > covered)
            {
                await foreach (var gap in ReadLedgerAsync(feed, merchantId, covered, batch.AfterSequence, cancellationToken))
                {
                    if (filter(gap))
                    {
                        yield return gap;
                    }
                }
            }

            foreach (var entry in batch.Events)
            {
                if (entry.Sequence > covered && entry.MerchantId == merchantId && filter(entry))
                {
                    yield return entry;
                }
            }

            covered = batch.ThroughSequence;
        }
    }

    private static async IAsyncEnumerable<LedgerEvent> ReadLedgerAsync(
        ILedgerFeed feed, Guid merchantId, long after, long through,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (after < through)
        {
            var page = await feed.ReadAsync(merchantId, after, through, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            after = page.Count < PageSize ? through : page[^1].Sequence;
        }
    }
}
