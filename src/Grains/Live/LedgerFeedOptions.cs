namespace Pointspot.Grains.Live;

/// <summary>The "LedgerFeed" configuration section.</summary>
public sealed class LedgerFeedOptions
{
    public const string Section = "LedgerFeed";

    /// <summary>
    /// Time between two watermark reads while the ledger is idle. Entries committed by other
    /// silos wait at most this long; a commit on this silo starts a read at once.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Time between two watermark reads while entries are waiting to be published.</summary>
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromMilliseconds(15);

    /// <summary>Entries read in one query when the watermark moves.</summary>
    public int ReadBatchSize { get; set; } = 2000;
}
