using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>Checks of the inputs that change points. Each returns null when the input is valid.</summary>
public static class PointsRules
{
    /// <summary>The largest purchase amount: the ledger stores money as numeric(14, 2).</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    /// <summary>The largest number of points one sendPoints or pullPoints may move.</summary>
    public const long MaxAdjustPoints = 1_000_000_000;

    /// <summary>
    /// The maximum points one receipt may earn, as many as staff may send at once, so no sum of a
    /// merchant's entries can pass the range of a 64-bit total in practice.
    /// </summary>
    public const long MaxPointsPerEntry = MaxAdjustPoints;

    public const int MaxReceiptNumberLength = 64;
    public const int MaxIdempotencyKeyLength = 128;
    public const int MaxReasonLength = 500;

    /// <summary>How far ahead of the server's clock a POS clock may run.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    public static PointspotError? CheckCollect(CollectPointsCommand command, DateTimeOffset now)
    {
        return CheckMoney("amount", command.Amount, MaxAmount, ErrorCodes.InvalidAmount)
            ?? CheckText("receiptNumber", command.ReceiptNumber, MaxReceiptNumberLength)
            ?? CheckText("idempotencyKey", command.IdempotencyKey, MaxIdempotencyKeyLength)
            ?? CheckOccurredAt(command.OccurredAt, now);
    }

    public static PointspotError? CheckAdjust(AdjustPointsCommand command)
    {
        if (command.Points <= 0 || command.Points > MaxAdjustPoints)
        {
            return new PointspotError(ErrorCodes.InvalidPoints,
                $"points {command.Points} is out of range: send or pull between 1 and "
                + $"{MaxAdjustPoints.ToString("N0", CultureInfo.InvariantCulture)} points at a time.");
        }

        return CheckText("reason", command.Reason, MaxReasonLength)
            ?? CheckText("idempotencyKey", command.IdempotencyKey, MaxIdempotencyKeyLength);
    }

    /// <summary>Checks a money value: not negative, at most two decimal places, at most <paramref name="max"/>.</summary>
    public static PointspotError? CheckMoney(string field, decimal value, decimal max, string code)
    {
        string shown = value.ToString(CultureInfo.InvariantCulture);
        if (value < 0)
        {
            return new PointspotError(code, $"{field} {shown} is negative: send an amount of 0.00 or more.");
        }

        if (value.Scale > 2 && value != decimal.Round(value, 2))
        {
            return new PointspotError(code,
                $"{field} {shown} has more than two decimal places: round it to satang (for example 12.50).");
        }

        if (value > max)
        {
            return new PointspotError(code,
                $"{field} {shown} is too large: the maximum is {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return null;
    }

    /// <summary>Tells whether an idempotency key is valid, and so may be looked up in the ledger.</summary>
    public static bool IsValidIdempotencyKey([NotNullWhen(true)] string? key) =>
        CheckText("idempotencyKey", key, MaxIdempotencyKeyLength) is null;

    public static PointspotError? CheckText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new PointspotError(ErrorCodes.InvalidInput, $"{field} is empty: send a non-empty value.");
        }

        if (value.Length > maxLength)
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"{field} is {value.Length} characters long: the maximum is {maxLength}.");
        }

        if (HasUnpairedSurrogate(value))
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"{field} contains half of a UTF-16 surrogate pair, which is not text: send valid Unicode.");
        }

        if (value.Any(char.IsControl))
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"{field} \"{Printable(value)}\" contains control characters: send printable text only.");
        }

        return null;
    }

    private static PointspotError? CheckOccurredAt(DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (occurredAt > now + MaxClockSkew)
        {
            return new PointspotError(ErrorCodes.InvalidOccurredAt,
                $"occurredAt {occurredAt:O} is in the future (server time {now:O}): check the POS clock.");
        }

        if (occurredAt.UtcDateTime.Year < 1970)
        {
            return new PointspotError(ErrorCodes.InvalidOccurredAt,
                $"occurredAt {occurredAt:O} is before 1970: send the time of the purchase.");
        }

        return null;
    }

    private static bool HasUnpairedSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(string value)
    {
        string cut = value.Length > 40 ? value[..40] + "..." : value;
        return string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }
}
