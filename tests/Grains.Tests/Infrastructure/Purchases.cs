using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Tests.Infrastructure;

/// <summary>Builds the commands of the grain tests.</summary>
public static class Purchases
{
    public static readonly Actor Pos = new("api-key", "counter-1");

    public static readonly Actor Owner = new("staff", "owner-1");

    /// <summary>An hour ago on a Bangkok clock, in whole seconds.</summary>
    public static DateTimeOffset HourAgo()
    {
        var now = DateTimeOffset.UtcNow;
        var whole = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return whole.AddHours(-1).ToOffset(TimeSpan.FromHours(7));
    }

    public static CollectPointsCommand Collect(decimal amount, string receiptNumber, string? idempotencyKey = null) =>
        new(amount, receiptNumber, idempotencyKey ?? $"collect-{receiptNumber}", HourAgo(), Pos);

    public static AdjustPointsCommand Adjust(long points, string idempotencyKey, string reason = "goodwill") =>
        new(points, reason, idempotencyKey, Owner);

    /// <summary>Points a purchase earns under one point per <paramref name="spendPerPoint"/>, rounded down.</summary>
    public static long ExpectedPoints(decimal amount, decimal spendPerPoint) =>
        (long)decimal.Floor(amount / spendPerPoint);
}
