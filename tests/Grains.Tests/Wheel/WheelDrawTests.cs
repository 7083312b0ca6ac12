using Pointspot.Grains.Wheel;

namespace Pointspot.Grains.Tests.Wheel;

/// <summary>
/// Pearson's chi-square test of the draw against its weights. With alpha = 0.001 a correct draw
/// fails one run in a thousand; 40,000 draws make a distribution that is off by two points of
/// probability fail almost surely.
/// </summary>
public sealed class WheelDrawTests
{
    private const int Draws = 40_000;

    // Critical values of the chi-square distribution at alpha = 0.001, by degrees of freedom.
    private const double CriticalValue3 = 16.266;
    private const double CriticalValue4 = 18.467;

    [Fact]
    public void Pick_Frequencies_MatchWeights()
    {
        int[] weights = [1, 2, 3, 4];
        long[] observed = DrawMany(weights);

        double statistic = ChiSquare(observed, weights);

        Assert.True(statistic < CriticalValue3,
            $"chi-square {statistic:F2} >= {CriticalValue3} (df 3, alpha 0.001); observed {string.Join(", ", observed)}");
    }

    [Fact]
    public void Pick_UnevenWeights_MatchWeights()
    {
        int[] weights = [500, 300, 150, 45, 5];
        long[] observed = DrawMany(weights);

        double statistic = ChiSquare(observed, weights);

        Assert.True(statistic < CriticalValue4,
            $"chi-square {statistic:F2} >= {CriticalValue4} (df 4, alpha 0.001); observed {string.Join(", ", observed)}");
    }

    [Fact]
    public void ChiSquare_WrongWeights_Rejected()
    {
        // The same check, given draws of [1, 2, 3, 4] and the near-even weights [24, 25, 25, 26],
        // must reject them. A draw that ignored the weights would look like this.
        long[] observed = DrawMany([1, 2, 3, 4]);

        double statistic = ChiSquare(observed, [24, 25, 25, 26]);

        Assert.True(statistic > CriticalValue3, $"chi-square {statistic:F2} did not reject a wrong distribution");
    }

    [Fact]
    public void Pick_SingleWeight_AlwaysZero()
    {
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(0, WheelDraw.Pick([7]));
        }
    }

    [Fact]
    public void Pick_ZeroWeight_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WheelDraw.Pick([3, 0]));
    }

    private static long[] DrawMany(int[] weights)
    {
        var observed = new long[weights.Length];
        for (int i = 0; i < Draws; i++)
        {
            observed[WheelDraw.Pick(weights)]++;
        }

        return observed;
    }

    private static double ChiSquare(long[] observed, int[] weights)
    {
        double total = weights.Sum();
        double statistic = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double expected = Draws * weights[i] / total;
            statistic += Math.Pow(observed[i] - expected, 2) / expected;
        }

        return statistic;
    }
}
