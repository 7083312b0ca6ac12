namespace Pointspot.Replay.GraphQL;

/// <summary>How often and after what pause a transient failure is sent again.</summary>
/// <param name="MaxAttempts">Attempts in all, the first one included.</param>
/// <param name="BaseDelay">The pause before the first retry; it doubles with every retry.</param>
/// <param name="MaxDelay">The longest pause before any retry.</param>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>
    /// 8 attempts with pauses of about 0.25, 0.5, 1, 2, 4, 8 and 10 seconds: a request gives up
    /// after roughly 26 seconds of pauses, long enough to ride out a restart of the server.
    /// </summary>
    public static RetryPolicy Default { get; } =
        new(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    /// <summary>
    /// Returns the pause before retry number <paramref name="retry"/> (1 for the first retry):
    /// half of the doubled base delay, plus a random part up to the other half so that many
    /// requests that failed together do not all come back at the same moment.
    /// </summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);

        double doubled = BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1);
        double capped = Math.Min(doubled, MaxDelay.TotalMilliseconds);
        double half = capped / 2;

        return TimeSpan.FromMilliseconds(half + Random.Shared.NextDouble() * half);
    }
}
