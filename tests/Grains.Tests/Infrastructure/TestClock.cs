namespace Pointspot.Grains.Tests.Infrastructure;

/// <summary>
/// A clock that tests set to any instant, back in time included, which FakeTimeProvider
/// rejects. It follows the system clock until a test sets it. Only GetUtcNow is replaced, so
/// nothing that uses its timers should be given it.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now ?? System.GetUtcNow();
        }
    }

    public void SetUtcNow(DateTimeOffset now)
    {
        lock (_lock)
        {
            _now = now;
        }
    }

    public void Advance(TimeSpan delta)
    {
        lock (_lock)
        {
            _now = (_now ?? System.GetUtcNow()) + delta;
        }
    }

    /// <summary>Makes the clock follow the system clock again.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _now = null;
        }
    }
}
