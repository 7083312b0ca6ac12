namespace Pointspot.Grains.Ledger;

/// <summary>
/// The clock that points are earned, spent and expired by. It is a service of its own, apart
/// from the TimeProvider that Orleans' timers use, so a test can set the day without moving
/// Orleans' clock.
/// </summary>
public sealed class PointsClock(TimeProvider timeProvider)
{
    public DateTimeOffset UtcNow => timeProvider.GetUtcNow();
}
