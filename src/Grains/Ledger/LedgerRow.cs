using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// One ledger entry on its way to the database, as built by a member grain. A credit that
/// expires carries its lot's last valid local day and the instant the lot stops being spendable.
/// </summary>
public sealed record LedgerRow(
    Guid MerchantId,
    string Phone,
    long Sequence,
    LedgerEntryKind Kind,
    long Points,
    long BalanceAfter,
    long LifetimeAfter,
    decimal? Amount,
    decimal? SpendPerPoint,
    string? ReceiptNumber,
    string? Reason,
    string IdempotencyKey,
    string Actor,
    DateTimeOffset OccurredAt,
    DateOnly? ExpiresOn = null,
    DateTimeOffset? ExpiresAt = null,
    long? ReversesEntryId = null,
    decimal? PointValue = null,
    long? ShortfallPoints = null);

/// <summary>
/// The result of an append: the row was committed with this id and time, or it was not inserted
/// because it conflicts with a row already in the ledger (same idempotency key, same earning
/// receipt or same member sequence).
/// </summary>
public readonly record struct AppendOutcome(bool Committed, long EntryId, DateTimeOffset RecordedAt)
{
    public static AppendOutcome Conflict => new(false, 0, default);
}

/// <summary>A ledger row read back from the database.</summary>
public sealed record StoredLedgerEntry(
    long EntryId,
    string Phone,
    long Sequence,
    LedgerEntryKind Kind,
    long Points,
    long BalanceAfter,
    decimal? Amount,
    string? ReceiptNumber,
    string? Reason,
    string IdempotencyKey,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    DateOnly? ExpiresOn = null,
    DateTimeOffset? ExpiresAt = null,
    long? ReversesEntryId = null,
    decimal? PointValue = null,
    long? ShortfallPoints = null);
