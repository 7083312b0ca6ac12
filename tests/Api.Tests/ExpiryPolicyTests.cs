using System.Globalization;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ExpiryPolicyTests(ApiHostFixture fixture)
{
    private const string Phone = "0923456789";

    private const string SetExpiryPolicy = """
        mutation SetExpiry($input: SetExpiryPolicyInput!) {
          setExpiryPolicy(input: $input) { id expiryPolicy { kind months month day } }
        }
        """;

    private const string Expiring = """
        query Expiring($phone: String!) { member(phone: $phone) { balance expiringPoints { points expiresOn } } }
        """;

    private const string CollectWithExpiry = """
        mutation Collect($input: CollectPointsInput!) {
          collectPoints(input: $input) { entry { points expiresOn } }
        }
        """;

    [Fact]
    public async Task RollingPolicy_EarnShowsExpiry_MemberListsIt()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        JsonNode policy = (await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind = "ROLLING", months = 12 } }, merchant.OwnerToken)).Field("setExpiryPolicy");
        DateTimeOffset occurredAt = TestMerchant.HourAgo();

        JsonNode earned = (await fixture.Client.PostAsync(CollectWithExpiry, new
        {
            input = new
            {
                phone = Phone, amount = "95.00", receiptNumber = "R-exp-1", idempotencyKey = "R-exp-1",
                occurredAt = occurredAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            },
        }, merchant.ApiKey)).Field("collectPoints");
        JsonNode member = (await fixture.Client.PostAsync(Expiring, new { phone = Phone }, merchant.ApiKey)).Field("member");

        string expectedDate = DateOnly.FromDateTime(occurredAt.ToOffset(TimeSpan.FromHours(7)).DateTime)
            .AddMonths(12).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        long expectedPoints = TestMerchant.ExpectedPoints(95.00m, 10.00m);
        Assert.Equal("ROLLING", policy["expiryPolicy"]!["kind"]!.GetValue<string>());
        Assert.Equal(12, policy["expiryPolicy"]!["months"]!.GetValue<int>());
        Assert.Null(policy["expiryPolicy"]!["month"]);
        Assert.Equal(expectedDate, earned["entry"]!["expiresOn"]!.GetValue<string>());
        JsonNode only = Assert.Single(member["expiringPoints"]!.AsArray())!;
        Assert.Equal(expectedPoints, only["points"]!.GetValue<long>());
        Assert.Equal(expectedDate, only["expiresOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetExpiryPolicy_ApiKey_Forbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind = "NEVER" } }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }

    [Fact]
    public async Task SetExpiryPolicy_ZeroMonths_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind = "ROLLING", months = 0 } }, merchant.OwnerToken);

        Assert.Equal("INVALID_EXPIRY_POLICY", response.SingleErrorCode());
    }

    [Theory]
    [InlineData("ROLLING", "ROLLING needs months")]
    [InlineData("FIXED_DATE", "FIXED_DATE needs month (1 to 12) and day")]
    public async Task SetExpiryPolicy_KindFieldsMissing_NamesThem(string kind, string expected)
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(SetExpiryPolicy,
            new { input = new { kind } }, merchant.OwnerToken);

        Assert.Equal("INVALID_EXPIRY_POLICY", response.SingleErrorCode());
        Assert.Contains(expected, response.Errors[0]["message"]!.GetValue<string>());
    }
}
