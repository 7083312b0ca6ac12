using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Webhooks;

/// <summary>The body and signature of one webhook delivery.</summary>
public static class WebhookPayload
{
    public const string SignatureHeader = "Pointspot-Signature";
    public const string TimestampHeader = "Pointspot-Timestamp";
    public const string SequenceHeader = "Pointspot-Sequence";
    public const string WebhookIdHeader = "Pointspot-Webhook-Id";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Phone numbers go out as "+66...", not "\u002B66...".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Builds the JSON body: the entry, its sequence and the time of this attempt.</summary>
    public static byte[] Body(Guid webhookId, LedgerEvent entry, DateTimeOffset timestamp)
    {
        var body = new DeliveryBody(
            webhookId,
            entry.Sequence,
            timestamp.ToUnixTimeSeconds(),
            "ledger.entry",
            new Entry(entry.MerchantId, entry.Phone, entry.MemberSequence, entry.Kind.ToDatabase(), entry.Points,
                entry.BalanceAfter, entry.Amount, entry.ReceiptNumber, entry.OccurredAt, entry.RecordedAt));
        return JsonSerializer.SerializeToUtf8Bytes(body, Json);
    }

    /// <summary>Returns "sha256=" and the lowercase hex HMAC-SHA256 of the body under the secret.</summary>
    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private sealed record DeliveryBody(
        Guid WebhookId,
        long Sequence,
        long Timestamp,
        string Type,
        Entry Entry);

    private sealed record Entry(
        Guid MerchantId,
        string Phone,
        long MemberSequence,
        string Kind,
        long Points,
        long BalanceAfter,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? Amount,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReceiptNumber,
        DateTimeOffset OccurredAt,
        DateTimeOffset RecordedAt);
}
