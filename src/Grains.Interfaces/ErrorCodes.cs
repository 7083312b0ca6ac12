namespace Pointspot.Grains.Interfaces;

/// <summary>
/// Stable error codes sent to clients in <c>extensions.code</c>. POS vendors branch on these
/// names, so a code is never renamed once published.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidInput = "INVALID_INPUT";
    public const string QueryTooLarge = "QUERY_TOO_LARGE";
    public const string InvalidPhone = "INVALID_PHONE";
    public const string InvalidAmount = "INVALID_AMOUNT";
    public const string InvalidPoints = "INVALID_POINTS";
    public const string InvalidTimeZone = "INVALID_TIME_ZONE";
    public const string InvalidOccurredAt = "INVALID_OCCURRED_AT";
    public const string InvalidLines = "INVALID_LINES";
    public const string InvalidPhoto = "INVALID_PHOTO";
    public const string PhotoTooLarge = "PHOTO_TOO_LARGE";
    public const string InvalidFile = "INVALID_FILE";
    public const string InvalidExpiryPolicy = "INVALID_EXPIRY_POLICY";
    public const string DuplicateReceipt = "DUPLICATE_RECEIPT";
    public const string DuplicateSku = "DUPLICATE_SKU";
    public const string ClaimAlreadyDecided = "CLAIM_ALREADY_DECIDED";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string InsufficientPoints = "INSUFFICIENT_POINTS";
    public const string MemberNotFound = "MEMBER_NOT_FOUND";
    public const string PaymentNotEnabled = "PAYMENT_NOT_ENABLED";
    public const string ReceiptAlreadyPaid = "RECEIPT_ALREADY_PAID";
    public const string ReceiptOfAnotherMember = "RECEIPT_OF_ANOTHER_MEMBER";
    public const string ReceiptNotFound = "RECEIPT_NOT_FOUND";
    public const string ReceiptVoided = "RECEIPT_VOIDED";
    public const string RefundExceedsPurchase = "REFUND_EXCEEDS_PURCHASE";
    public const string NotFound = "NOT_FOUND";
    public const string EmailTaken = "EMAIL_TAKEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string Unavailable = "UNAVAILABLE";
    public const string Internal = "INTERNAL";

    // Live events: GraphQL subscriptions and webhooks.
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";
}

/// <summary>A domain error: a stable code and a message that names the value and the fix.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.error")]
public sealed record PointspotError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);
