using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Tests;

public sealed class ShopClockTests
{
    [Theory]
    [InlineData(1997, 1, 1, "1997-01-01T12:00:00+07:00")]
    [InlineData(1997, 7, 15, "1997-07-15T12:00:00+07:00")]
    [InlineData(1998, 6, 30, "1998-06-30T12:00:00+07:00")]
    public void OccurredAt_Bangkok_IsNoonAtPlusSeven(int year, int month, int day, string expected)
    {
        var bangkok = TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");

        Assert.Equal(expected, ShopClock.OccurredAt(new DateOnly(year, month, day), bangkok));
    }

    [Fact]
    public void OccurredAt_SummerTimeZone_UsesDayOffset()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal("1997-01-01T12:00:00+01:00", ShopClock.OccurredAt(new DateOnly(1997, 1, 1), berlin));
        Assert.Equal("1997-07-01T12:00:00+02:00", ShopClock.OccurredAt(new DateOnly(1997, 7, 1), berlin));
    }

    [Fact]
    public void OccurredAt_Utc_WritesZeroOffset()
    {
        Assert.Equal("1997-01-01T12:00:00+00:00", ShopClock.OccurredAt(new DateOnly(1997, 1, 1), TimeZoneInfo.Utc));
    }
}
