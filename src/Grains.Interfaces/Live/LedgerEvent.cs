using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Live;

/// <summary>
/// A committed ledger entry as live consumers see it. <see cref="Sequence"/> is the ledger's
/// global entry id: it grows with every entry of every merchant, with gaps, and a consumer that
/// resumes after the last sequence it saw gets every later entry of its merchant.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.ledger-event")]
public sealed record LedgerEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] Guid MerchantId,
    [property: Id(2)] string Phone,
    [property: Id(3)] long MemberSequence,
    [property: Id(4)] LedgerEntryKind Kind,
    [property: Id(5)] long Points,
    [property: Id(6)] long BalanceAfter,
    [property: Id(7)] decimal? Amount,
    [property: Id(8)] string? ReceiptNumber,
    [property: Id(9)] DateTimeOffset OccurredAt,
    [property: Id(10)] DateTimeOffset RecordedAt)
{
    /// <summary>True for the first entry of a member, which creates the member.</summary>
    public bool IsNewMember => MemberSequence == 1;
}

/// <summary>
/// Entries that the feed publishes at once: every entry of every merchant with a sequence after
/// <see cref="AfterSequence"/> and up to <see cref="ThroughSequence"/>, in sequence order.
/// </summary>
public sealed record LedgerEventBatch(long AfterSequence, long ThroughSequence, IReadOnlyList<LedgerEvent> Events);
