using Pointspot.Grains.Interfaces.Members;

namespace Pointspot.Grains.Tests.Members;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0812345678")]
    [InlineData("081-234-5678")]
    [InlineData("081 234 5678")]
    [InlineData("+66812345678")]
    [InlineData("66812345678")]
    [InlineData("+66 81 234 5678")]
    [InlineData("  081 234  5678 ")]
    [InlineData(" +66 81-234-5678")]
    [InlineData("081.234.5678")]
    [InlineData("(081) 234-5678")]
    public void TryParse_CommonForm_ReturnsE164(string input)
    {
        bool parsed = PhoneNumber.TryParse(input, out PhoneNumber phone, out string error);

        Assert.True(parsed, $"\"{input}\" should parse, but failed with: {error}");
        Assert.Equal("+66812345678", phone.E164);
        Assert.Equal("0812345678", phone.National);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData("0612345678", "+66612345678")]
    [InlineData("0912345678", "+66912345678")]
    [InlineData("+66 98 765 4321", "+66987654321")]
    public void TryParse_EveryMobilePrefix_ReturnsE164(string input, string expected)
    {
        bool parsed = PhoneNumber.TryParse(input, out PhoneNumber phone, out _);

        Assert.True(parsed);
        Assert.Equal(expected, phone.E164);
    }

    [Theory]
    [InlineData("0712345678")]
    [InlineData("0212345678")]
    [InlineData("08123")]
    [InlineData("081234567890")]
    [InlineData("081234567")]
    [InlineData("08l2345678")]
    [InlineData("phone")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("+0812345678")]
    [InlineData("+66 0812345678")]
    [InlineData("66 71 234 5678")]
    [InlineData("081+2345678")]
    public void TryParse_InvalidNumber_RejectsWithValue(string input)
    {
        bool parsed = PhoneNumber.TryParse(input, out PhoneNumber phone, out string error);

        Assert.False(parsed, $"\"{input}\" should be rejected, but parsed as {phone.E164}.");
        Assert.Contains($"\"{input}\"", error);
        Assert.Contains("06, 08 or 09", error);
    }

    [Fact]
    public void TryParse_Null_Rejects()
    {
        bool parsed = PhoneNumber.TryParse(null, out _, out string error);

        Assert.False(parsed);
        Assert.Contains("06, 08 or 09", error);
    }

    [Fact]
    public void TryParse_VeryLongInput_ShortensValueInMessage()
    {
        string input = new('9', 200);

        bool parsed = PhoneNumber.TryParse(input, out _, out string error);

        Assert.False(parsed);
        Assert.Contains(new string('9', 40) + "...", error);
        Assert.DoesNotContain(new string('9', 41), error);
    }

    [Fact]
    public void FromE164_InvalidNumber_ThrowsFormatException()
    {
        var error = Assert.Throws<FormatException>(() => PhoneNumber.FromE164("+66712345678"));

        Assert.Contains("+66712345678", error.Message);
    }

    [Fact]
    public void MemberKey_ForThenParse_RoundTrips()
    {
        var merchantId = Guid.NewGuid();
        PhoneNumber.TryParse("081-234-5678", out PhoneNumber phone, out _);

        string key = MemberKey.For(merchantId, phone);
        (Guid parsedMerchant, PhoneNumber parsedPhone) = MemberKey.Parse(key);

        Assert.Equal($"{merchantId:N}/+66812345678", key);
        Assert.Equal(merchantId, parsedMerchant);
        Assert.Equal(phone, parsedPhone);
    }
}
