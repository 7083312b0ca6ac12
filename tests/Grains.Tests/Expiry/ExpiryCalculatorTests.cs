using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Tests.Expiry;

public sealed class ExpiryCalculatorTests
{
    private static readonly TimeZoneInfo Bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

    [Theory]
    [InlineData(12, "2026-01-31", "2027-01-31")]
    [InlineData(1, "2026-01-31", "2026-02-28")]
    [InlineData(1, "2028-01-31", "2028-02-29")]
    [InlineData(6, "2026-08-15", "2027-02-15")]
    public void Rolling_SameDayMonthsLater(int months, string credited, string expected)
    {
        var policy = new ExpiryPolicy(ExpiryPolicyKind.Rolling, months, 0, 0);

        Assert.Equal(DateOnly.Parse(expected), ExpiryCalculator.ValidThrough(policy, DateOnly.Parse(credited)));
    }

    [Theory]
    [InlineData(0, "2026-01-15", "2026-01-31")]
    [InlineData(3, "2026-01-15", "2026-04-30")]
    [InlineData(3, "2026-11-20", "2027-02-28")]
    [InlineData(12, "2026-02-01", "2027-02-28")]
    public void EndOfMonth_LastDayMonthsLater(int months, string credited, string expected)
    {
        var policy = new ExpiryPolicy(ExpiryPolicyKind.EndOfMonth, months, 0, 0);

        Assert.Equal(DateOnly.Parse(expected), ExpiryCalculator.ValidThrough(policy, DateOnly.Parse(credited)));
    }

    [Theory]
    [InlineData(12, 31, "2026-05-01", "2026-12-31")]
    [InlineData(12, 31, "2026-12-31", "2026-12-31")]
    [InlineData(3, 31, "2026-04-01", "2027-03-31")]
    [InlineData(3, 31, "2026-03-30", "2026-03-31")]
    public void FixedDate_NextOnOrAfterCredit(int month, int day, string credited, string expected)
    {
        var policy = new ExpiryPolicy(ExpiryPolicyKind.FixedDate, 0, month, day);

        Assert.Equal(DateOnly.Parse(expected), ExpiryCalculator.ValidThrough(policy, DateOnly.Parse(credited)));
    }

    [Fact]
    public void Never_NoDate()
    {
        Assert.Null(ExpiryCalculator.ValidThrough(ExpiryPolicy.Never, new DateOnly(2026, 1, 1)));
        Assert.Null(ExpiryCalculator.ValidThrough(null, new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void EndOfDay_Bangkok_IsNextLocalMidnight()
    {
        // Bangkok is UTC+7 all year: midnight starting 1 April is 17:00 UTC on 31 March.
        var expected = new DateTimeOffset(2027, 3, 31, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, ExpiryCalculator.EndOfDay(new DateOnly(2027, 3, 31), Bangkok));
    }

    [Fact]
    public void ForCredit_UsesLocalDay()
    {
        // 20:00 UTC on 31 March is 03:00 on 1 April in Bangkok, so the credit's day is 1 April.
        var creditedAt = new DateTimeOffset(2026, 3, 31, 20, 0, 0, TimeSpan.Zero);
        var policy = new ExpiryPolicy(ExpiryPolicyKind.Rolling, 1, 0, 0);

        var expiry = ExpiryCalculator.ForCredit(policy, creditedAt, Bangkok);

        Assert.NotNull(expiry);
        Assert.Equal(new DateOnly(2026, 5, 1), expiry.Value.ExpiresOn);
        Assert.Equal(new DateTimeOffset(2026, 5, 2, 0, 0, 0, TimeSpan.FromHours(7)), expiry.Value.ExpiresAt);
    }
}
