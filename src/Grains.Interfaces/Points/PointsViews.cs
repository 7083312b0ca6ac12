namespace Pointspot.Grains.Interfaces.Points;

/// <summary>
/// One committed row of the points ledger. <see cref="ExpiresOn"/> is the last local day a
/// credit's lot can be spent (null: never expires); <see cref="ReversesEntryId"/> names the entry
/// that an EXPIRE, REFUND or VOID entry reverses.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.ledger-entry")]
public sealed record LedgerEntryView(
    [property: Id(0)] long Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] LedgerEntryKind Kind,
    [property: Id(3)] long Points,
    [property: Id(4)] decimal? Amount,
    [property: Id(5)] string? ReceiptNumber,
    [property: Id(6)] string? Reason,
    [property: Id(7)] DateTimeOffset OccurredAt,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] long BalanceAfter,
    [property: Id(10)] DateOnly? ExpiresOn = null,
    [property: Id(11)] long? ReversesEntryId = null,
    [property: Id(12)] decimal? PointValue = null,
    [property: Id(13)] long? ShortfallPoints = null);

/// <summary>Points of a member that expire at the end of <see cref="ExpiresOn"/>, a day in the merchant's time zone.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.expiring-points")]
public sealed record ExpiringPointsView(
    [property: Id(0)] long Points,
    [property: Id(1)] DateOnly ExpiresOn);

/// <summary>The outcome of expiring a member's due lots: the points removed, or an error.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.expire-result")]
public sealed record ExpireResult(
    [property: Id(0)] long Points,
    [property: Id(1)] PointspotError? Error);

public enum MemberStatus
{
    PendingSignUp = 1,
    Registered = 2,
}

/// <summary>A member as the API shows it.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.member")]
public sealed record MemberView(
    [property: Id(0)] string Phone,
    [property: Id(1)] MemberStatus Status,
    [property: Id(2)] long Balance,
    [property: Id(3)] long LifetimePoints,
    [property: Id(4)] MemberProfile? Profile,
    [property: Id(5)] DateTimeOffset CreatedAt);

/// <summary>
/// The outcome of a change of points: the entry and the member after it, or an error.
/// <see cref="Replayed"/> is true when the idempotency key had been used before and the stored
/// entry is returned unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.points-change-result")]
public sealed record PointsChangeResult(
    [property: Id(0)] LedgerEntryView? Entry,
    [property: Id(1)] MemberView? Member,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] PointspotError? Error)
{
    public static PointsChangeResult Failed(string code, string message) =>
        new(null, null, false, new PointspotError(code, message));
}

/// <summary>
/// The outcome of voiding a sale: the VOID entries (restoring the payment's lots, taking back
/// the earned points) and the member after them, or an error.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.void-result")]
public sealed record VoidResult(
    [property: Id(0)] IReadOnlyList<LedgerEntryView> Entries,
    [property: Id(1)] MemberView? Member,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] PointspotError? Error)
{
    public static VoidResult Failed(PointspotError error) => new([], null, false, error);
}

/// <summary>A page of a member's ledger entries, newest first.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.history-page")]
public sealed record HistoryPage(
    [property: Id(0)] IReadOnlyList<LedgerEntryView> Entries,
    [property: Id(1)] bool HasNextPage);

/// <summary>Totals of a merchant's ledger, for reconciliation.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.points-summary")]
public sealed record PointsSummary(
    [property: Id(0)] long Members,
    [property: Id(1)] long Entries,
    [property: Id(2)] long LedgerPoints,
    [property: Id(3)] long MemberBalances);

[GenerateSerializer, Immutable, Alias("pointspot.member-result")]
public sealed record MemberResult(
    [property: Id(0)] MemberView? Member,
    [property: Id(1)] PointspotError? Error);
