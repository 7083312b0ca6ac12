namespace Pointspot.Grains.Webhooks;

/// <summary>The "Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Time between two looks for subscriptions with entries to deliver.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Wait after the first failed attempt; each further failure doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an entry is retried after its first failure before it is abandoned.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one HTTP request may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a silo leases a subscription while delivering. The lease of a silo that crashes
    /// runs out after this long, and then another silo delivers the entry again.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether webhooks may go to loopback and private addresses. Off by default, so a partner
    /// key cannot reach the server's own network. Turn it on only where every partner is trusted.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Subscriptions one silo delivers to at the same time.</summary>
    public int MaxConcurrentSubscriptions { get; set; } = 16;

    /// <summary>Returns the wait after the given number of failed attempts (1 or more).</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        double factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        double milliseconds = Math.Min(FirstRetryDelay.TotalMilliseconds * factor, MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
