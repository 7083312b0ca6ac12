using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// Converts between points and money for payWithPoints. Amounts and the point value have at
/// most two decimal places, so the arithmetic is done on whole satang in integers and is exact.
/// </summary>
public static class PaymentCalculator
{
    /// <summary>
    /// Returns the points that cover <paramref name="amount"/>, rounded up: the member never
    /// gets more money's worth than the points spent. 10.10 at 0.25 a point costs 41 points.
    /// </summary>
    public static long PointsFor(decimal amount, decimal pointValue)
    {
        long amountInSatang = checked((long)decimal.Truncate(amount * 100m));
        long valueInSatang = checked((long)decimal.Truncate(pointValue * 100m));
        return (amountInSatang + valueInSatang - 1) / valueInSatang;
    }

    /// <summary>Returns the money value of <paramref name="points"/>; exact, since the point value has two decimal places.</summary>
    public static decimal AmountFor(long points, decimal pointValue) => points * pointValue;

    /// <summary>Checks a payment and returns the points to spend and the amount they pay, or an error.</summary>
    public static (long Points, decimal Amount, PointspotError? Error) Convert(
        PayWithPointsCommand command, decimal? pointValue)
    {
        if (pointValue is not { } value)
        {
            return (0, 0, new PointspotError(ErrorCodes.PaymentNotEnabled,
                "This merchant has not set a point value, so points cannot pay for purchases: the owner sets one "
                + "with setPointValue."));
        }

        if ((command.Points is null) == (command.Amount is null))
        {
            return (0, 0, new PointspotError(ErrorCodes.InvalidInput,
                "Send exactly one of points and amount: points to spend, or the amount the points should pay."));
        }

        var invalid = PointsRules.CheckText("receiptNumber", command.ReceiptNumber, PointsRules.MaxReceiptNumberLength)
            ?? PointsRules.CheckText("idempotencyKey", command.IdempotencyKey, PointsRules.MaxIdempotencyKeyLength);
        if (invalid is not null)
        {
            return (0, 0, invalid);
        }

        if (command.Points is { } points)
        {
            if (points <= 0 || points > PointsRules.MaxAdjustPoints)
            {
                return (0, 0, new PointspotError(ErrorCodes.InvalidPoints,
                    $"points {points} is out of range: pay with 1 to "
                    + $"{PointsRules.MaxAdjustPoints.ToString("N0", CultureInfo.InvariantCulture)} points."));
            }

            decimal amount = AmountFor(points, value);
            return amount > PointsRules.MaxAmount
                ? (0, 0, new PointspotError(ErrorCodes.InvalidPoints,
                    $"points {points} are worth {amount.ToString(CultureInfo.InvariantCulture)}, more than the largest "
                    + "amount Pointspot stores: pay with fewer points."))
                : (points, amount, null);
        }

        decimal requested = command.Amount!.Value;
        var invalidAmount = PointsRules.CheckMoney("amount", requested, PointsRules.MaxAmount, ErrorCodes.InvalidAmount);
        if (invalidAmount is null && requested == 0)
        {
            invalidAmount = new PointspotError(ErrorCodes.InvalidAmount,
                "amount 0 pays nothing: send the part of the purchase that points should pay, 0.01 or more.");
        }

        return invalidAmount is not null
            ? (0, 0, invalidAmount)
            : (PointsFor(requested, value), decimal.Round(requested, 2) + 0.00m, null);
    }
}
