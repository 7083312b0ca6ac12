using System.Text.Json.Serialization;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// A member's lots as of one ledger entry: every lot a later entry can still change or ask
/// about, and the lots each payment took from. Lots that are spent, never expired and named by
/// no open payment cannot affect a later entry, so they are left out.
/// </summary>
public sealed record LotSnapshot(
    [property: JsonPropertyName("lots")] IReadOnlyList<LotSnapshot.LotState> Lots,
    [property: JsonPropertyName("payments")] IReadOnlyList<LotSnapshot.PaymentDraws> Payments)
{
    public sealed record LotState(
        [property: JsonPropertyName("id")] long EntryId,
        [property: JsonPropertyName("seq")] long Sequence,
        [property: JsonPropertyName("points")] long Points,
        [property: JsonPropertyName("expiresOn")] DateOnly? ExpiresOn,
        [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
        [property: JsonPropertyName("remaining")] long Remaining,
        [property: JsonPropertyName("expirations")] int Expirations,
        [property: JsonPropertyName("expired")] long ExpiredPoints);

    /// <summary>A PAY entry that no VOID has restored yet, and the lots it took from.</summary>
    public sealed record PaymentDraws(
        [property: JsonPropertyName("id")] long PayEntryId,
        [property: JsonPropertyName("draws")] IReadOnlyList<Draw> Draws);

    public sealed record Draw(
        [property: JsonPropertyName("lot")] long LotEntryId,
        [property: JsonPropertyName("points")] long Points);
}
