using System.Diagnostics;

namespace Pointspot.Bench;

/// <summary>Exact latency percentiles from every recorded latency, sorted once.</summary>
public sealed class LatencySummary
{
    private readonly long[] _sortedTicks;

    public LatencySummary(IEnumerable<List<long>> latencies)
    {
        _sortedTicks = latencies.SelectMany(list => list).ToArray();
        Array.Sort(_sortedTicks);
    }

    public int Count => _sortedTicks.Length;

    public double MeanMs => Count == 0 ? 0 : ToMs(_sortedTicks.Average(t => (double)t));

    public double MaxMs => Count == 0 ? 0 : ToMs(_sortedTicks[^1]);

    /// <summary>
    /// Returns the latency that <paramref name="fraction"/> of the requests did not exceed, by the
    /// nearest-rank method.
    /// </summary>
    public double PercentileMs(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(fraction * Count);
        return ToMs(_sortedTicks[Math.Clamp(rank - 1, 0, Count - 1)]);
    }

    private static double ToMs(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
