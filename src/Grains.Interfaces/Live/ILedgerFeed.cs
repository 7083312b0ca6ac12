namespace Pointspot.Grains.Interfaces.Live;

/// <summary>
/// The per-silo feed of committed ledger entries. It publishes entries only up to its watermark,
/// below which every transaction that wrote the ledger has ended, so an entry is never published
/// after an entry with a higher sequence. Consumers that resume read the ledger up to
/// <see cref="Watermark"/> and take later entries from the batches.
/// </summary>
public interface ILedgerFeed
{
    /// <summary>
    /// The highest sequence published so far; every entry up to it is committed and readable.
    /// -1 until the feed has read its first watermark.
    /// </summary>
    long Watermark { get; }

    /// <summary>Completes once <see cref="Watermark"/> is known.</summary>
    Task WhenReadyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="observer"/> with every later batch, in order, on the feed's own
    /// thread: the observer must not block. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Action<LedgerEventBatch> observer);

    /// <summary>
    /// Reads up to <paramref name="limit"/> entries of one merchant with a sequence after
    /// <paramref name="afterSequence"/> and up to <paramref name="throughSequence"/>, in order.
    /// </summary>
    Task<IReadOnlyList<LedgerEvent>> ReadAsync(
        Guid merchantId, long afterSequence, long throughSequence, int limit, CancellationToken cancellationToken);
}
