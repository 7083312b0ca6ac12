using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pointspot.Grains.Cards;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>
/// What a member grain folds from its ledger entries, as of one entry: the expiry lots and the
/// card totals. Stored as JSON in member_snapshot.
/// </summary>
public sealed record MemberSnapshot(
    [property: JsonPropertyName("lots")] LotSnapshot Lots,
    [property: JsonPropertyName("card")] MemberSnapshot.CardState Card)
{
    /// <summary>The version of the serialized layout. Raise it when a field changes meaning.</summary>
    public const int Format = 2;

    public string ToJson() => JsonSerializer.Serialize(this, MemberSnapshotJson.Default.MemberSnapshot);

    public static MemberSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize(json, MemberSnapshotJson.Default.MemberSnapshot)
        ?? throw new JsonException("The snapshot is JSON null.");

    /// <summary>Card totals over the member's life and per calendar year in the merchant's time zone.</summary>
    public sealed record CardState(
        [property: JsonPropertyName("lifetime")] Totals Lifetime,
        [property: JsonPropertyName("years")] IReadOnlyDictionary<int, Totals> Years)
    {
        public static CardState From(CardProgress progress) => new(
            Totals.From(progress.Lifetime),
            progress.Years.ToDictionary(pair => pair.Key, pair => Totals.From(pair.Value)));

        public CardProgress ToProgress() => new(
            Lifetime.ToCardTotals(),
            Years.ToImmutableDictionary(pair => pair.Key, pair => pair.Value.ToCardTotals()));
    }

    public sealed record Totals(
        [property: JsonPropertyName("points")] long Points,
        [property: JsonPropertyName("spend")] decimal Spend)
    {
        public static Totals From(CardTotals totals) => new(totals.Points, totals.Spend);

        public CardTotals ToCardTotals() => new(Points, Spend);
    }
}

// A property missing from the JSON, or null where the type does not allow it, fails the
// deserialization, so a damaged snapshot is rejected rather than read as empty.
[JsonSerializable(typeof(MemberSnapshot))]
[JsonSourceGenerationOptions(RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
internal sealed partial class MemberSnapshotJson : JsonSerializerContext;
