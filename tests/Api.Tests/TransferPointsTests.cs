using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class TransferPointsTests(ApiHostFixture fixture)
{
    private const string Transfer = """
        mutation Transfer($input: TransferPointsInput!) {
          transferPoints(input: $input) {
            status replayed
            debit { kind points } credit { kind points }
            from { phone balance } to { phone balance }
          }
        }
        """;

    [Fact]
    public async Task TransferPoints_OverHttp_MovesOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync("0811112222", 50, "send-50")).Field("sendPoints");
        var input = new { fromPhone = "081-111-2222", toPhone = "0822223333", points = 30, idempotencyKey = "transfer-1" };

        JsonNode first = (await fixture.Client.PostAsync(Transfer, new { input }, merchant.ApiKey)).Field("transferPoints");
        JsonNode retry = (await fixture.Client.PostAsync(Transfer, new { input }, merchant.ApiKey)).Field("transferPoints");
        GraphQLResponse tooMuch = await fixture.Client.PostAsync(Transfer, new
        {
            input = new { fromPhone = "0811112222", toPhone = "0822223333", points = 21, idempotencyKey = "transfer-2" },
        }, merchant.ApiKey);

        Assert.Equal("COMPLETED", first["status"]!.GetValue<string>());
        Assert.False(first["replayed"]!.GetValue<bool>());
        Assert.Equal("TRANSFER_OUT", first["debit"]!["kind"]!.GetValue<string>());
        Assert.Equal(-30, first["debit"]!["points"]!.GetValue<long>());
        Assert.Equal("TRANSFER_IN", first["credit"]!["kind"]!.GetValue<string>());
        Assert.Equal(50 - 30, first["from"]!["balance"]!.GetValue<long>());
        Assert.Equal("+66822223333", first["to"]!["phone"]!.GetValue<string>());
        Assert.Equal(30, first["to"]!["balance"]!.GetValue<long>());
        Assert.True(retry["replayed"]!.GetValue<bool>());
        Assert.Equal("INSUFFICIENT_POINTS", tooMuch.SingleErrorCode());
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(50, summary.LedgerPoints);
        Assert.Equal(50, summary.MemberBalances);
    }
}
