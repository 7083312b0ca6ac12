namespace Pointspot.Grains.Transfers;

/// <summary>The "Transfers" configuration section: when an unfinished transfer is resumed.</summary>
public sealed class TransferOptions
{
    /// <summary>Delay before the reminder first resumes a transfer that did not finish.</summary>
    public TimeSpan ResumeDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time between later attempts; Orleans' minimum reminder period is one minute.</summary>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);
}
