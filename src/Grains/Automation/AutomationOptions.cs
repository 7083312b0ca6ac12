namespace Pointspot.Grains.Automation;

/// <summary>How often automation reads the ledger on its own, and how far its checkpoint trails.</summary>
public sealed class AutomationOptions
{
    public const string Section = "Automation";

    /// <summary>
    /// Period of the catch-up reminder. Orleans rejects periods below its
    /// ReminderOptions.MinimumReminderPeriod, one minute by default.
    /// </summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Age a ledger entry must reach before the checkpoint moves past it. Entry ids are taken when
    /// a row is inserted, not when it commits, so a row with a lower id may commit later. Entries
    /// after the checkpoint are read again on the next pass, and firings are keyed, so reading
    /// them twice changes nothing.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Ledger entries read per query.</summary>
    public int BatchSize { get; set; } = 500;
}
