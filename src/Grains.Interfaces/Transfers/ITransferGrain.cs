using System.Globalization;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Transfers;

/// <summary>
/// One transfer of points between two members of a merchant, keyed by
/// <see cref="TransferKey"/>: the merchant id and the request's idempotency key. The grain
/// records the transfer before it debits the sender, then credits the receiver. Both ledger
/// entries carry keys derived from the transfer's, so a transfer resumed after a crash writes
/// each of them once.
/// </summary>
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Runs the transfer to its end, or returns the result of the first run with the same key.</summary>
    Task<TransferResult> Transfer(TransferCommand command);

    /// <summary>Records the transfer and debits the sender, leaving the credit to <see cref="Resume"/> or the reminder.</summary>
    Task<TransferResult> Begin(TransferCommand command);

    /// <summary>Finishes a recorded transfer; what the grain's reminder calls after a crash.</summary>
    Task<TransferResult> Resume();
}

/// <summary>
/// Builds transfer grain keys: the merchant id, '/' and the idempotency key. A key with '{' or '}'
/// is written as '#' and four hex digits per UTF-16 code unit instead, because Orleans' ADO.NET grain
/// storage (Microsoft.Orleans.Persistence.AdoNet 10.4.2, AdoGrainKey.ToString) passes the grain
/// key to string.Format as the format and fails on a brace. Other keys keep the plain form, so
/// transfers stored before this encoding keep their grain.
/// </summary>
public static class TransferKey
{
    private const char PlainSeparator = '/';
    private const char EncodedSeparator = '#';

    public static string For(Guid merchantId, string idempotencyKey) =>
        idempotencyKey.AsSpan().IndexOfAny('{', '}') >= 0
            ? $"{merchantId:N}{EncodedSeparator}{string.Concat(idempotencyKey.Select(c => ((int)c).ToString("X4", CultureInfo.InvariantCulture)))}"
            : $"{merchantId:N}{PlainSeparator}{idempotencyKey}";

    public static (Guid MerchantId, string IdempotencyKey) Parse(string key)
    {
        // A merchant id in "N" form is 32 hex digits, so the separator is always the 33rd character.
        var merchantId = Guid.ParseExact(key[..32], "N");
        string rest = key[33..];
        return key[32] == EncodedSeparator
            ? (merchantId, new string(rest.Chunk(4).Select(digits => (char)Convert.ToUInt16(new string(digits), 16)).ToArray()))
            : (merchantId, rest);
    }
}

/// <summary>A transfer request: phone numbers in E.164 form.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.transfer")]
public sealed record TransferCommand(
    [property: Id(0)] string FromPhone,
    [property: Id(1)] string ToPhone,
    [property: Id(2)] long Points,
    [property: Id(3)] Actor Actor);

public enum TransferStatus
{
    /// <summary>Recorded; the sender may or may not be debited yet.</summary>
    Pending = 1,

    /// <summary>The sender was debited and the receiver credited.</summary>
    Completed = 2,

    /// <summary>Nothing moved, for the reason in the error.</summary>
    Rejected = 3,
}

/// <summary>
/// The state of a transfer: its entries once written, the members after it, or an error.
/// <see cref="Replayed"/> is true when the idempotency key had been used before.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.transfer-result")]
public sealed record TransferResult(
    [property: Id(0)] TransferStatus Status,
    [property: Id(1)] LedgerEntryView? Debit,
    [property: Id(2)] LedgerEntryView? Credit,
    [property: Id(3)] MemberView? From,
    [property: Id(4)] MemberView? To,
    [property: Id(5)] bool Replayed,
    [property: Id(6)] PointspotError? Error)
{
    public static TransferResult Failed(PointspotError error) => new(TransferStatus.Rejected, null, null, null, null, false, error);
}
