using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>The fields of a ledger entry that decide the member's lots.</summary>
public sealed record LotEntry(
    long EntryId,
    long Sequence,
    LedgerEntryKind Kind,
    long Points,
    DateOnly? ExpiresOn,
    DateTimeOffset? ExpiresAt,
    long? ReversesEntryId);

/// <summary>
/// Points credited by one entry and what is left of them. <see cref="ExpiresAt"/> is the first
/// instant the lot can no longer be spent; null means never.
/// </summary>
public sealed class Lot(long entryId, long sequence, long points, DateOnly? expiresOn, DateTimeOffset? expiresAt)
{
    public long EntryId { get; } = entryId;

    public long Sequence { get; } = sequence;

    public long Points { get; } = points;

    public DateOnly? ExpiresOn { get; } = expiresOn;

    public DateTimeOffset? ExpiresAt { get; } = expiresAt;

    /// <summary>Points left to spend; zero until the credit is applied.</summary>
    public long Remaining { get; set; }

    /// <summary>EXPIRE entries written for this lot so far; a lot refilled by a void can expire again.</summary>
    public int Expirations { get; set; }

    /// <summary>Points of this lot that expired, which a refund or void of its sale must not take again.</summary>
    public long ExpiredPoints { get; set; }
}
