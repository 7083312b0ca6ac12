using System.Globalization;
using CsCheck;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Tests.Ledger;

public sealed class EarnCalculatorTests
{
    private static readonly EarnRule TwentyFivePerPoint = new(25.00m, 0.00m);

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0.00", 0)]
    [InlineData("0.01", 0)]
    [InlineData("24.99", 0)]
    [InlineData("25.00", 1)]
    [InlineData("25", 1)]
    [InlineData("25.000", 1)]
    [InlineData("49.99", 1)]
    [InlineData("50.00", 2)]
    [InlineData("100.50", 4)]
    [InlineData("1000.00", 40)]
    public void Points_TwentyFivePerPoint_RoundsDown(string amount, long expected)
    {
        long points = EarnCalculator.Points(Money(amount), TwentyFivePerPoint);

        Assert.Equal(expected, points);
    }

    [Theory]
    [InlineData("0.00", 0)]
    [InlineData("99.99", 0)]
    [InlineData("100.00", 4)]
    [InlineData("124.99", 4)]
    [InlineData("125.00", 5)]
    public void Points_BelowMinimumSpend_EarnsNothing(string amount, long expected)
    {
        var rule = new EarnRule(25.00m, 100.00m);

        long points = EarnCalculator.Points(Money(amount), rule);

        Assert.Equal(expected, points);
    }

    [Theory]
    [InlineData("0.01", "0.00", 0)]
    [InlineData("0.01", "0.01", 1)]
    [InlineData("0.01", "12.34", 1234)]
    [InlineData("0.01", "999999999999.99", 99_999_999_999_999)]
    [InlineData("3.33", "3.32", 0)]
    [InlineData("3.33", "3.33", 1)]
    [InlineData("3.33", "9.98", 2)]
    [InlineData("3.33", "9.99", 3)]
    [InlineData("3.33", "100.00", 30)]
    [InlineData("1000000.00", "999999.99", 0)]
    [InlineData("1000000.00", "3000000.00", 3)]
    public void Points_UnusualRate_RoundsDown(string spendPerPoint, string amount, long expected)
    {
        var rule = new EarnRule(Money(spendPerPoint), 0.00m);

        long points = EarnCalculator.Points(Money(amount), rule);

        Assert.Equal(expected, points);
    }

    [Fact]
    public void Points_NegativeAmount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EarnCalculator.Points(-0.01m, TwentyFivePerPoint));
    }

    [Fact]
    public void Points_AnyAmountAndRate_IsWholeRatesSpent()
    {
        // Amounts and rates in satang, as the ledger stores them: up to 999,999,999,999.99 and
        // from 0.01 to 1,000,000.00.
        var amounts = Gen.Long[0, 99_999_999_999_999];
        var rates = Gen.Long[1, 100_000_000];

        Gen.Select(amounts, rates).Sample((amountInSatang, rateInSatang) =>
        {
            decimal amount = amountInSatang / 100m;
            decimal rate = rateInSatang / 100m;

            long points = EarnCalculator.Points(amount, new EarnRule(rate, 0.00m));

            // The points are the largest whole number of rates that the amount covers.
            Assert.True(points >= 0, $"{amount} at {rate} per point earned {points}");
            Assert.True(points * rate <= amount, $"{amount} at {rate} per point earned {points}: too many");
            Assert.True((points + 1) * rate > amount, $"{amount} at {rate} per point earned {points}: too few");
        }, iter: 10_000);
    }
}
