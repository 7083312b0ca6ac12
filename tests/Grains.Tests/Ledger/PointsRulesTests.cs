using System.Globalization;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Tests.Ledger;

public sealed class PointsRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(7));

    private static readonly Actor Cashier = new("api-key", "counter-1");

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static CollectPointsCommand Collect(
        decimal amount = 100.00m,
        string receiptNumber = "R-0001",
        string idempotencyKey = "key-0001",
        DateTimeOffset? occurredAt = null) =>
        new(amount, receiptNumber, idempotencyKey, occurredAt ?? Now.AddMinutes(-5), Cashier);

    [Fact]
    public void CheckCollect_ValidPurchase_ReturnsNull()
    {
        Assert.Null(PointsRules.CheckCollect(Collect(), Now));
    }

    [Theory]
    [InlineData("0.00")]
    [InlineData("0.01")]
    [InlineData("12.5")]
    [InlineData("12.300")]
    [InlineData("999999999999.99")]
    public void CheckCollect_ValidAmount_ReturnsNull(string amount)
    {
        Assert.Null(PointsRules.CheckCollect(Collect(amount: Money(amount)), Now));
    }

    [Theory]
    [InlineData("-0.01", "negative")]
    [InlineData("-100", "negative")]
    [InlineData("1.234", "more than two decimal places")]
    [InlineData("0.001", "more than two decimal places")]
    [InlineData("1000000000000.00", "too large")]
    [InlineData("79228162514264337593543950335", "too large")]
    public void CheckCollect_InvalidAmount_ReturnsInvalidAmount(string amount, string reason)
    {
        PointspotError? error = PointsRules.CheckCollect(Collect(amount: Money(amount)), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidAmount, error.Code);
        Assert.Contains(amount, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CheckCollect_EmptyReceipt_ReturnsInvalidInput(string receiptNumber)
    {
        PointspotError? error = PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("receiptNumber is empty", error.Message);
    }

    [Fact]
    public void CheckCollect_LongestReceipt_ReturnsNull()
    {
        string receiptNumber = new('R', PointsRules.MaxReceiptNumberLength);

        Assert.Null(PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now));
    }

    [Fact]
    public void CheckCollect_TooLongReceipt_ReturnsInvalidInput()
    {
        string receiptNumber = new('R', PointsRules.MaxReceiptNumberLength + 1);

        PointspotError? error = PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains($"receiptNumber is {PointsRules.MaxReceiptNumberLength + 1} characters", error.Message);
    }

    [Theory]
    [InlineData("R-1\n", "\\u000A")]
    [InlineData("R\u0000-1", "\\u0000")]
    [InlineData("R-\u001B[1m", "\\u001B")]
    [InlineData("R-1\u0085", "\\u0085")]
    public void CheckCollect_ControlCharacterInReceipt_ReturnsInvalidInput(string receiptNumber, string escaped)
    {
        PointspotError? error = PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("control characters", error.Message);
        Assert.Contains(escaped, error.Message);
    }

    [Theory]
    [InlineData(0xD800, "R-{0}")]
    [InlineData(0xDC00, "{0}R-1")]
    [InlineData(0xDBFF, "R-1{0}")]
    public void CheckCollect_LoneSurrogateInReceipt_ReturnsInvalidInput(int codeUnit, string format)
    {
        // The value is built here because xunit passes theory strings through UTF-8, which
        // would turn the lone surrogate into U+FFFD. PostgreSQL stores UTF-8 too, so it has no
        // encoding for half of a surrogate pair.
        string receiptNumber = string.Format(CultureInfo.InvariantCulture, format, (char)codeUnit);

        PointspotError? error = PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("receiptNumber", error.Message);
    }

    [Theory]
    [InlineData(0x1F600)]
    [InlineData(0x0E43)]
    public void CheckCollect_NonAsciiReceipt_ReturnsNull(int codePoint)
    {
        string receiptNumber = "R-" + char.ConvertFromUtf32(codePoint) + "-1";

        Assert.Null(PointsRules.CheckCollect(Collect(receiptNumber: receiptNumber), Now));
    }

    [Fact]
    public void CheckCollect_TooLongIdempotencyKey_ReturnsInvalidInput()
    {
        string key = new('k', PointsRules.MaxIdempotencyKeyLength + 1);

        PointspotError? error = PointsRules.CheckCollect(Collect(idempotencyKey: key), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("idempotencyKey", error.Message);
    }

    [Fact]
    public void CheckCollect_EmptyIdempotencyKey_ReturnsInvalidInput()
    {
        PointspotError? error = PointsRules.CheckCollect(Collect(idempotencyKey: ""), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("idempotencyKey is empty", error.Message);
    }

    [Theory]
    [InlineData(-60 * 24 * 400)]
    [InlineData(0)]
    [InlineData(10)]
    public void CheckCollect_PastOrSkewedClock_ReturnsNull(int minutesFromNow)
    {
        var occurredAt = Now.AddMinutes(minutesFromNow);

        Assert.Null(PointsRules.CheckCollect(Collect(occurredAt: occurredAt), Now));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(60 * 24)]
    public void CheckCollect_FutureOccurredAt_ReturnsInvalidOccurredAt(int minutesFromNow)
    {
        var occurredAt = Now.AddMinutes(minutesFromNow);

        PointspotError? error = PointsRules.CheckCollect(Collect(occurredAt: occurredAt), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidOccurredAt, error.Code);
        Assert.Contains("in the future", error.Message);
        Assert.Contains(occurredAt.ToString("O"), error.Message);
    }

    [Fact]
    public void CheckCollect_OccurredBefore1970_ReturnsInvalidOccurredAt()
    {
        var occurredAt = new DateTimeOffset(1969, 12, 31, 0, 0, 0, TimeSpan.Zero);

        PointspotError? error = PointsRules.CheckCollect(Collect(occurredAt: occurredAt), Now);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidOccurredAt, error.Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(PointsRules.MaxAdjustPoints)]
    public void CheckAdjust_PointsInRange_ReturnsNull(long points)
    {
        var command = new AdjustPointsCommand(points, "birthday gift", "key-1", Cashier);

        Assert.Null(PointsRules.CheckAdjust(command));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(PointsRules.MaxAdjustPoints + 1)]
    [InlineData(long.MaxValue)]
    public void CheckAdjust_PointsOutOfRange_ReturnsInvalidPoints(long points)
    {
        var command = new AdjustPointsCommand(points, "birthday gift", "key-1", Cashier);

        PointspotError? error = PointsRules.CheckAdjust(command);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidPoints, error.Code);
        Assert.Contains($"points {points} is out of range", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\treason")]
    public void CheckAdjust_InvalidReason_ReturnsInvalidInput(string reason)
    {
        var command = new AdjustPointsCommand(10, reason, "key-1", Cashier);

        PointspotError? error = PointsRules.CheckAdjust(command);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("reason", error.Message);
    }

    [Fact]
    public void CheckAdjust_TooLongReason_ReturnsInvalidInput()
    {
        var command = new AdjustPointsCommand(10, new string('x', PointsRules.MaxReasonLength + 1), "key-1", Cashier);

        PointspotError? error = PointsRules.CheckAdjust(command);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains($"reason is {PointsRules.MaxReasonLength + 1} characters", error.Message);
    }

    [Theory]
    [InlineData("0.00", "too small")]
    [InlineData("0.001", "more than two decimal places")]
    [InlineData("-25.00", "negative")]
    [InlineData("1000000.01", "too large")]
    public void CheckEarnRule_InvalidRate_ReturnsInvalidAmount(string spendPerPoint, string reason)
    {
        PointspotError? error = MerchantRules.CheckEarnRule(Money(spendPerPoint), 0.00m);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidAmount, error.Code);
        Assert.Contains(reason, error.Message);
    }
}
