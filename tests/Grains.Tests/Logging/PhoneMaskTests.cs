using Pointspot.Grains.Interfaces.Logging;

namespace Pointspot.Grains.Tests.Logging;

public sealed class PhoneMaskTests
{
    [Theory]
    [InlineData("+66812345678", "+6681****678")]
    [InlineData("66812345678", "6681****678")]
    [InlineData("0812345678", "081****678")]
    [InlineData("081-234-5678", "081****678")]
    [InlineData("081 234 5678", "081****678")]
    [InlineData("+66 81 234 5678", "+6681****678")]
    [InlineData("+14155550123", "+1415****123")]
    public void Mask_PhoneAlone_KeepsPrefixAndLastThreeDigits(string phone, string expected)
    {
        Assert.Equal(expected, PhoneMask.Mask(phone));
    }

    [Fact]
    public void Mask_GrainId_MasksOnlyPhone()
    {
        string message = "Activation of member/0f8fad5bd9cb469fa16570867728950e/+66912345678 failed after 1250 ms";

        Assert.Equal(
            "Activation of member/0f8fad5bd9cb469fa16570867728950e/+6691****678 failed after 1250 ms",
            PhoneMask.Mask(message));
    }

    [Fact]
    public void Mask_TwoPhonesInOneLine_MasksBoth()
    {
        Assert.Equal("from 081****678 to 092****321", PhoneMask.Mask("from 0812345678 to 0923456321"));
    }

    [Theory]
    [InlineData("Ledger flush wrote 512 of 512 rows")]
    [InlineData("recorded at 2026-12-04T18:09:14.9988974+00:00")]
    [InlineData("entry 1234567890123 of merchant 7")]
    [InlineData("silo S127.0.0.1:11391:155412555")]
    [InlineData("order 123456789012")]
    public void Mask_NoPhone_ReturnsTextUnchanged(string text)
    {
        Assert.Equal(text, PhoneMask.Mask(text));
    }
}
