using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AdjustPointsTests(ApiHostFixture fixture)
{
    private const string Phone = "0987654321";
    private const string E164 = "+66987654321";

    [Fact]
    public async Task SendThenPull_OwnerToken_ChangesBalance()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        JsonNode sent = (await merchant.SendAsync(Phone, 30, "send-30")).Field("sendPoints");
        JsonNode pulled = (await merchant.PullAsync(Phone, 12, "pull-12")).Field("pullPoints");

        Assert.Equal("SEND", sent["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(30, sent["entry"]!["points"]!.GetValue<long>());
        Assert.Null(sent["entry"]!["amount"]);
        Assert.Equal("PULL", pulled["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(-12, pulled["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(30 - 12, pulled["entry"]!["balanceAfter"]!.GetValue<long>());
        Assert.Equal(30 - 12, pulled["member"]!["balance"]!.GetValue<long>());
        Assert.Equal(30, pulled["member"]!["lifetimePoints"]!.GetValue<long>());
    }

    [Fact]
    public async Task PullPoints_TenParallelFromFifty_FiveRejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 50, "send-50")).Field("sendPoints");

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(i => merchant.PullAsync(Phone, 10, $"pull-{i}")));

        Assert.Equal(5, responses.Count(response => response.Errors.Count == 0));
        Assert.Equal(5, responses.Count(response =>
            response.Errors.Count == 1 && response.ErrorCodes[0] == "INSUFFICIENT_POINTS"));
        JsonNode? member = await merchant.MemberAsync(Phone);
        Assert.Equal(0, member!["balance"]!.GetValue<long>());
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchant.Id, E164);
        Assert.Equal(1 + 5, rows.Count);
        Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(0, summary.LedgerPoints);
        Assert.Equal(0, summary.MemberBalances);
    }

    [Fact]
    public async Task PullPoints_MoreThanBalance_ReturnsInsufficientPoints()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 10, "send-10")).Field("sendPoints");

        GraphQLResponse response = await merchant.PullAsync(Phone, 11, "pull-11");

        Assert.Equal("INSUFFICIENT_POINTS", response.SingleErrorCode());
        Assert.Equal(10, (await merchant.MemberAsync(Phone))!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task SendPoints_PosApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.SendAsync(Phone, 10, "send-by-pos", bearer: merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task PullPoints_PosApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 10, "send-10")).Field("sendPoints");

        GraphQLResponse response = await merchant.PullAsync(Phone, 5, "pull-by-pos", bearer: merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
        Assert.Equal(10, (await merchant.MemberAsync(Phone))!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task SendPoints_ZeroPoints_ReturnsInvalidPoints()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.SendAsync(Phone, 0, "send-0");

        Assert.Equal("INVALID_POINTS", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }
}
