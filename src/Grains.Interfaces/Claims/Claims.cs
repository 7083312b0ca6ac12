using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Claims;

public enum ClaimStatus
{
    Pending = 1,
    Approved = 2,
    Rejected = 3,
}

/// <summary>
/// A request for the points of a purchase that earned none at the counter, with a photo of the
/// receipt. <see cref="Phone"/> is as typed; the grain parses it.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.claim-submission")]
public sealed record ClaimSubmission(
    [property: Id(0)] string Phone,
    [property: Id(1)] string ReceiptNumber,
    [property: Id(2)] decimal Amount,
    [property: Id(3)] DateTimeOffset PurchasedAt,
    [property: Id(4)] byte[] Photo,
    [property: Id(5)] Actor Actor);

/// <summary>A claim as staff see it; the photo itself is read on its own.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.claim")]
public sealed record ClaimView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Phone,
    [property: Id(2)] string ReceiptNumber,
    [property: Id(3)] decimal Amount,
    [property: Id(4)] DateTimeOffset PurchasedAt,
    [property: Id(5)] string PhotoType,
    [property: Id(6)] int PhotoBytes,
    [property: Id(7)] ClaimStatus Status,
    [property: Id(8)] string SubmittedBy,
    [property: Id(9)] DateTimeOffset SubmittedAt,
    [property: Id(10)] string? DecidedBy,
    [property: Id(11)] DateTimeOffset? DecidedAt,
    [property: Id(12)] string? RejectionReason,
    [property: Id(13)] long? EntryId,
    [property: Id(14)] long? Points);

[GenerateSerializer, Immutable, Alias("pointspot.claim-result")]
public sealed record ClaimResult(
    [property: Id(0)] ClaimView? Claim,
    [property: Id(1)] PointspotError? Error)
{
    public static ClaimResult Failed(string code, string message) => new(null, new PointspotError(code, message));
}

/// <summary>A receipt photo with its media type, such as image/jpeg.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.claim-photo")]
public sealed record ClaimPhoto(
    [property: Id(0)] string ContentType,
    [property: Id(1)] byte[] Bytes);

/// <summary>Limits of claims, configured under the "Claims" section.</summary>
public sealed class ClaimOptions
{
    public const string Section = "Claims";

    /// <summary>The largest receipt photo accepted, in bytes: 5 MiB unless configured.</summary>
    public int MaxPhotoBytes { get; set; } = 5 * 1024 * 1024;
}
