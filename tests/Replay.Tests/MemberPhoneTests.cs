using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Tests;

public sealed class MemberPhoneTests
{
    [Theory]
    [InlineData(0, "0800000000")]
    [InlineData(1, "0800000001")]
    [InlineData(23570, "0800023570")]
    [InlineData(99_999_999, "0899999999")]
    public void ForCustomer_PadsIdToEightDigits(long customerId, string expected)
    {
        Assert.Equal(expected, MemberPhone.ForCustomer(customerId));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_000)]
    public void ForCustomer_IdOutOfRange_Throws(long customerId)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MemberPhone.ForCustomer(customerId));
    }
}
