using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Tests.Ledger;

public sealed class LineItemCalculatorTests
{
    private static readonly EarnRule TwentyFivePerPoint = new(25.00m, 0.00m);

    private static readonly Dictionary<string, ProductEarnRule> Rules = new()
    {
        ["LATTE"] = new ProductEarnRule(null, 2.00m),
        ["CAKE"] = new ProductEarnRule(5, null),
        ["HALF"] = new ProductEarnRule(null, 0.50m),
        ["FREE"] = new ProductEarnRule(0, null),
    };

    [Fact]
    public void Points_MultiplierFixedAndPlain_SumsEachRule()
    {
        PurchaseLine[] lines =
        [
            new("LATTE", 2, 110.00m),
            new("CAKE", 3, 180.00m),
            new("WATER", 1, 30.00m),
            new("BREAD", 2, 24.00m),
        ];
        long latte = (long)decimal.Floor(110.00m / 25.00m * 2.00m);
        long cake = 5 * 3;
        long plain = (long)decimal.Floor((30.00m + 24.00m) / 25.00m);

        long points = LineItemCalculator.Points(344.00m, lines, Rules, TwentyFivePerPoint);

        Assert.Equal(8, latte);
        Assert.Equal(2, plain);
        Assert.Equal(latte + cake + plain, points);
    }

    [Fact]
    public void Points_PlainLines_RoundOnceOnTheirSum()
    {
        PurchaseLine[] lines = [new("A", 1, 20.00m), new("B", 1, 20.00m), new("C", 1, 20.00m)];

        long points = LineItemCalculator.Points(60.00m, lines, Rules, TwentyFivePerPoint);

        Assert.Equal(EarnCalculator.Points(60.00m, TwentyFivePerPoint), points);
        Assert.Equal(2, points);
    }

    [Fact]
    public void Points_MultiplierLines_RoundEachDown()
    {
        PurchaseLine[] lines = [new("HALF", 1, 99.99m), new("HALF", 1, 99.99m)];
        long each = (long)decimal.Floor(99.99m / 25.00m * 0.50m);

        long points = LineItemCalculator.Points(199.98m, lines, Rules, TwentyFivePerPoint);

        Assert.Equal(1, each);
        Assert.Equal(2 * each, points);
    }

    [Fact]
    public void Points_ZeroFixedPoints_EarnsNothingForLine()
    {
        PurchaseLine[] lines = [new("FREE", 4, 500.00m), new("WATER", 1, 50.00m)];

        long points = LineItemCalculator.Points(550.00m, lines, Rules, TwentyFivePerPoint);

        Assert.Equal(2, points);
    }

    [Fact]
    public void Points_BelowMinimumSpend_EarnsNothing()
    {
        var rule = new EarnRule(25.00m, 100.00m);
        PurchaseLine[] lines = [new("CAKE", 10, 99.99m)];

        long points = LineItemCalculator.Points(99.99m, lines, Rules, rule);

        Assert.Equal(0, points);
    }

    [Fact]
    public void Points_OddRate_MatchesDecimalFloor()
    {
        var rule = new EarnRule(3.33m, 0.00m);
        var rules = new Dictionary<string, ProductEarnRule> { ["X"] = new(null, 1.25m) };
        PurchaseLine[] lines = [new("X", 1, 100.00m), new("X", 1, 9.99m), new("X", 1, 0.01m)];
        long expected = lines.Sum(line => (long)decimal.Floor(line.Amount / 3.33m * 1.25m));

        long points = LineItemCalculator.Points(110.00m, lines, rules, rule);

        Assert.Equal(37 + 3 + 0, expected);
        Assert.Equal(expected, points);
    }

    [Fact]
    public void Check_LinesMatchAmount_ReturnsNull()
    {
        PurchaseLine[] lines = [new("A", 1, 10.50m), new("B", 2, 4.50m)];

        Assert.Null(LineItemCalculator.Check(15.00m, lines));
        Assert.Null(LineItemCalculator.Check(15.00m, null));
    }

    [Fact]
    public void Check_LinesDoNotAddUp_NamesBothValues()
    {
        PurchaseLine[] lines = [new("A", 1, 10.50m), new("B", 2, 4.50m)];

        PointspotError? error = LineItemCalculator.Check(16.00m, lines);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidLines, error.Code);
        Assert.Contains("15.00", error.Message);
        Assert.Contains("16.00", error.Message);
    }

    [Theory]
    [InlineData("", 1, "1.00", ErrorCodes.InvalidInput)]
    [InlineData("A", 0, "1.00", ErrorCodes.InvalidLines)]
    [InlineData("A", -2, "1.00", ErrorCodes.InvalidLines)]
    [InlineData("A", 1, "-1.00", ErrorCodes.InvalidLines)]
    [InlineData("A", 1, "1.001", ErrorCodes.InvalidLines)]
    public void Check_InvalidLine_ReturnsCode(string sku, int quantity, string amount, string code)
    {
        decimal value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);
        PurchaseLine[] lines = [new(sku, quantity, value)];

        PointspotError? error = LineItemCalculator.Check(value, lines);

        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Check_EmptyLines_ReturnsInvalidLines()
    {
        PointspotError? error = LineItemCalculator.Check(0.00m, []);

        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidLines, error.Code);
    }
}
