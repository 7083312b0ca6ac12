using System.Net;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Webhooks;

namespace Pointspot.Grains.Tests.Webhooks;

public sealed class WebhookRulesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:1/")]
    [InlineData("http://localhost:5080/hook")]
    [InlineData("http://app.localhost/hook")]
    [InlineData("http://0x7f000001:5092/metrics")]
    [InlineData("http://[::1]:5092/")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://0.0.0.0:5080/")]
    public void CheckUrl_PrivateHost_Rejected(string url)
    {
        PointspotError? error = WebhookRules.CheckUrl(url, allowPrivateAddresses: false);

        Assert.Equal(ErrorCodes.InvalidWebhookUrl, error?.Code);
        Assert.Contains("public", error!.Message);
    }

    [Theory]
    [InlineData("https://partner.example/hooks/pointspot")]
    [InlineData("http://8.8.8.8/hook")]
    [InlineData("https://[2001:4860:4860::8888]/hook")]
    public void CheckUrl_PublicHost_Accepted(string url)
    {
        Assert.Null(WebhookRules.CheckUrl(url, allowPrivateAddresses: false));
    }

    [Fact]
    public void CheckUrl_PrivateAllowed_AcceptsLoopback()
    {
        Assert.Null(WebhookRules.CheckUrl("http://127.0.0.1:8080/hook", allowPrivateAddresses: true));
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("1.1.1.1", true)]
    public void IsPublic_Address_Classified(string address, bool expected)
    {
        Assert.Equal(expected, WebhookAddresses.IsPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task ConnectPublic_LoopbackHost_Refused()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            WebhookAddresses.ConnectPublicAsync(new DnsEndPoint("localhost", 1), CancellationToken.None).AsTask());

        Assert.Contains("localhost", error.Message);
    }
}
