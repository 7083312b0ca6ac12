namespace Pointspot.Grains.Ledger;

public sealed class LedgerWriterOptions
{
    /// <summary>Maximum rows in one INSERT; a larger backlog is split over several flushes.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>
    /// Flushes that may run at once, each on its own connection. More than one lets a new batch
    /// form and commit while the previous commit waits for the WAL flush.
    /// </summary>
    public int ConcurrentFlushes { get; set; } = 4;

    /// <summary>Appends waiting for a flush before callers are made to wait for room.</summary>
    public int QueueCapacity { get; set; } = 65_536;
}
