namespace Pointspot.Grains.Expiry;

/// <summary>The "Expiry" configuration section: how often each merchant's expiry run starts.</summary>
public sealed class ExpiryOptions
{
    /// <summary>Time between runs. Lots expire within this long after their last valid day ends.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Delay of the first run after the reminder is registered.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Member grains that one run calls at the same time.</summary>
    public int ParallelMembers { get; set; } = 16;
}
