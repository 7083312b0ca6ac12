using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Claims;

/// <summary>Checks of a claim submission. Each returns null when the input is valid.</summary>
public static class ClaimRules
{
    public const int MaxRejectionReasonLength = 500;

    /// <summary>How far back a purchase may lie when its points are claimed.</summary>
    public static readonly TimeSpan MaxPurchaseAge = TimeSpan.FromDays(366);

    public static PointspotError? Check(ClaimSubmission submission, int maxPhotoBytes, DateTimeOffset now)
    {
        return PointsRules.CheckText("receiptNumber", submission.ReceiptNumber, PointsRules.MaxReceiptNumberLength)
            ?? PointsRules.CheckMoney("amount", submission.Amount, PointsRules.MaxAmount, ErrorCodes.InvalidAmount)
            ?? CheckPurchasedAt(submission.PurchasedAt, now)
            ?? CheckPhoto(submission.Photo, maxPhotoBytes);
    }

    public static PointspotError? CheckPhoto(byte[]? photo, int maxPhotoBytes)
    {
        if (photo is null || photo.Length == 0)
        {
            return new PointspotError(ErrorCodes.InvalidPhoto,
                "photo is empty: attach a photo of the receipt as a JPEG, PNG, WebP or HEIC image.");
        }

        if (photo.Length > maxPhotoBytes)
        {
            return new PointspotError(ErrorCodes.PhotoTooLarge,
                $"photo is {photo.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes: the maximum is "
                + $"{maxPhotoBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes. Send a smaller or more compressed photo.");
        }

        if (ImageTypes.Detect(photo) is null)
        {
            string head = Convert.ToHexString(photo.AsSpan(0, Math.Min(8, photo.Length)));
            return new PointspotError(ErrorCodes.InvalidPhoto,
                $"photo is not a JPEG, PNG, WebP or HEIC image (it starts with bytes {head}): "
                + "send a photo of the receipt in one of those formats.");
        }

        return null;
    }

    private static PointspotError? CheckPurchasedAt(DateTimeOffset purchasedAt, DateTimeOffset now)
    {
        if (purchasedAt > now + PointsRules.MaxClockSkew)
        {
            return new PointspotError(ErrorCodes.InvalidOccurredAt,
                $"purchasedAt {purchasedAt:O} is in the future (server time {now:O}): send the time on the receipt.");
        }

        if (purchasedAt < now - MaxPurchaseAge)
        {
            return new PointspotError(ErrorCodes.InvalidOccurredAt,
                $"purchasedAt {purchasedAt:O} is more than {MaxPurchaseAge.Days} days ago: "
                + "points of a purchase can be claimed within a year.");
        }

        return null;
    }
}
