using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HistoryTests(ApiHostFixture fixture)
{
    private const string Phone = "0655555555";

    [Fact]
    public async Task History_TwentyFiveEntries_PagesNewestFirst()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "1.00");
        for (int i = 1; i <= 25; i++)
        {
            (await merchant.CollectAsync(Phone, $"{i}.00", $"R-{i:D2}")).Field("collectPoints");
        }

        var pages = new List<JsonNode>();
        string? after = null;
        do
        {
            GraphQLResponse response = await fixture.Client.PostAsync(Documents.History,
                new { phone = Phone, first = 10, after }, merchant.ApiKey);
            JsonNode history = response.Field("member")["history"]!;
            pages.Add(history);
            after = history["pageInfo"]!["endCursor"]?.GetValue<string>();
        }
        while (pages[^1]["pageInfo"]!["hasNextPage"]!.GetValue<bool>() && pages.Count < 5);

        Assert.Equal(3, pages.Count);
        Assert.Equal([10, 10, 5], pages.Select(page => page["edges"]!.AsArray().Count));
        Assert.Equal([true, true, false], pages.Select(page => page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()));

        List<JsonNode> edges = pages.SelectMany(page => page["edges"]!.AsArray().Select(edge => edge!)).ToList();
        List<string> receipts = edges.Select(edge => edge["node"]!["receiptNumber"]!.GetValue<string>()).ToList();
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => $"R-{i:D2}"), receipts);

        // Entry i earned i points, so the balance after it is 1 + 2 + ... + i.
        Assert.All(edges, edge =>
        {
            long points = edge["node"]!["points"]!.GetValue<long>();
            Assert.Equal(points * (points + 1) / 2, edge["node"]!["balanceAfter"]!.GetValue<long>());
        });
        Assert.Equal(edges[9]["cursor"]!.GetValue<string>(), pages[0]["pageInfo"]!["endCursor"]!.GetValue<string>());
        Assert.Equal(25, edges.Select(edge => edge["node"]!["id"]!.GetValue<string>()).Distinct().Count());
    }

    [Fact]
    public async Task History_DefaultFirst_ReturnsTwenty()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        for (int i = 1; i <= 21; i++)
        {
            (await merchant.SendAsync(Phone, i, $"send-{i}")).Field("sendPoints");
        }

        GraphQLResponse response = await fixture.Client.PostAsync(Documents.History,
            new { phone = Phone }, merchant.OwnerToken);

        JsonNode history = response.Field("member")["history"]!;
        Assert.Equal(20, history["edges"]!.AsArray().Count);
        Assert.True(history["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(21, history["edges"]![0]!["node"]!["points"]!.GetValue<long>());
    }

    [Fact]
    public async Task History_InvalidCursor_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 5, "send-5")).Field("sendPoints");

        GraphQLResponse response = await fixture.Client.PostAsync(Documents.History,
            new { phone = Phone, first = 5, after = "not-a-cursor" }, merchant.OwnerToken);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Contains("not-a-cursor", response.Errors[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task History_FirstTooLarge_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 5, "send-5")).Field("sendPoints");

        GraphQLResponse response = await fixture.Client.PostAsync(Documents.History,
            new { phone = Phone, first = 101 }, merchant.OwnerToken);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
    }
}
