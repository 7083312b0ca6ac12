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

    // Staff and API access.
    public const string RateLimited = "RATE_LIMITED";

    // Member cards, automation, referral and the wheel game.
    public const string InvalidCardProgram = "INVALID_CARD_PROGRAM";
    public const string InvalidAutomationRule = "INVALID_AUTOMATION_RULE";
    public const string InvalidReferralProgram = "INVALID_REFERRAL_PROGRAM";
    public const string ReferralCodeNotFound = "REFERRAL_CODE_NOT_FOUND";
    public const string SelfReferral = "SELF_REFERRAL";
    public const string ReferralLoop = "REFERRAL_LOOP";
    public const string AlreadyReferred = "ALREADY_REFERRED";
    public const string ReferralTooLate = "REFERRAL_TOO_LATE";
    public const string InvalidWheelGame = "INVALID_WHEEL_GAME";
    public const string WheelGameInactive = "WHEEL_GAME_INACTIVE";
    public const string LimitReached = "LIMIT_REACHED";
    public const string OutOfStock = "OUT_OF_STOCK";

    // Rewards and coupons.
    public const string InvalidCampaign = "INVALID_CAMPAIGN";
    public const string InvalidReward = "INVALID_REWARD";
    public const string CampaignInactive = "CAMPAIGN_INACTIVE";
    public const string CouponNotFound = "COUPON_NOT_FOUND";
    public const string CouponNotYetValid = "COUPON_NOT_YET_VALID";
    public const string CouponExpired = "COUPON_EXPIRED";
    public const string CouponExhausted = "COUPON_EXHAUSTED";
    public const string CouponUsed = "COUPON_USED";
    public const string CouponOfAnotherMember = "COUPON_OF_ANOTHER_MEMBER";
    public const string CouponConditionNotMet = "COUPON_CONDITION_NOT_MET";
    public const string RewardInactive = "REWARD_INACTIVE";
    public const string RewardNotYetValid = "REWARD_NOT_YET_VALID";
    public const string RewardExpired = "REWARD_EXPIRED";
    public const string RewardExhausted = "REWARD_EXHAUSTED";
    public const string RedemptionCodeInvalid = "REDEMPTION_CODE_INVALID";
    public const string RedemptionCodeExpired = "REDEMPTION_CODE_EXPIRED";

    // Live events: GraphQL subscriptions and webhooks.
    public const string InvalidWebhookUrl = "INVALID_WEBHOOK_URL";
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";
}

/// <summary>A domain error: a stable code and a message that names the value and the fix.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.error")]
public sealed record PointspotError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message);
