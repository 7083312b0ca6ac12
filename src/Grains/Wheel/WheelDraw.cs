using System.Security.Cryptography;

namespace Pointspot.Grains.Wheel;

/// <summary>Draws a slot of a wheel in proportion to its weight, with a cryptographic random source.</summary>
public static class WheelDraw
{
    /// <summary>
    /// Returns the index of the drawn weight: index i comes up with probability
    /// weights[i] / sum(weights). <see cref="RandomNumberGenerator.GetInt32(int)"/> is uniform
    /// without modulo bias, so the probabilities are exact.
    /// </summary>
    public static int Pick(IReadOnlyList<int> weights)
    {
        long total = 0;
        foreach (int weight in weights)
        {
            if (weight <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(weights), weight, "Every weight must be positive.");
            }

            total += weight;
        }

        if (total is 0 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), total, "The weights must add up to 1 .. int.MaxValue.");
        }

        int ticket = RandomNumberGenerator.GetInt32((int)total);
        for (int i = 0; i < weights.Count; i++)
        {
            ticket -= weights[i];
            if (ticket < 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("The ticket fell past the last weight.");
    }
}
