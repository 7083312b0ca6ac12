using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class MerchantSetupTests(ApiHostFixture fixture)
{
    private GraphQLClient Client => fixture.Client;

    [Fact]
    public async Task SignUpMerchant_NewOwner_ReturnsTokenAndMerchant()
    {
        string email = $"owner-{Guid.NewGuid():N}@example.com";

        GraphQLResponse response = await Client.PostAsync(Documents.SignUpMerchant,
            new { input = new { name = "  Khao Soi House ", ownerEmail = email, password = TestMerchant.Password } });

        JsonNode payload = response.Field("signUpMerchant");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLClient.GraphQLResponseMediaType, response.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(payload["token"]!.GetValue<string>()));
        Assert.True(Guid.TryParse(payload["merchant"]!["id"]!.GetValue<string>(), out _));
        Assert.Equal("Khao Soi House", payload["merchant"]!["name"]!.GetValue<string>());
        Assert.Equal("Asia/Bangkok", payload["merchant"]!["timeZone"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignUpMerchant_TakenEmail_ReturnsEmailTaken()
    {
        string email = $"owner-{Guid.NewGuid():N}@example.com";
        var input = new { name = "First", ownerEmail = email, password = TestMerchant.Password };
        (await Client.PostAsync(Documents.SignUpMerchant, new { input })).Field("signUpMerchant");

        var secondInput = new
        {
            name = "Second",
            ownerEmail = email.ToUpperInvariant(),
            password = TestMerchant.Password,
        };
        GraphQLResponse second = await Client.PostAsync(Documents.SignUpMerchant, new { input = secondInput });

        Assert.Equal("EMAIL_TAKEN", second.SingleErrorCode());
    }

    [Fact]
    public async Task SetEarnRule_Owner_ReturnsMerchantWithRule()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await Client.PostAsync(Documents.SetEarnRule,
            new { input = new { spendPerPoint = "12.50", minimumSpend = "100.00" } }, merchant.OwnerToken);

        JsonNode updated = response.Field("setEarnRule");
        Assert.Equal(merchant.Id.ToString(), updated["id"]!.GetValue<string>());
        Assert.Equal("Som Tam Corner", updated["name"]!.GetValue<string>());
        Assert.Equal("12.50", updated["earnRule"]!["spendPerPoint"]!.GetValue<string>());
        Assert.Equal("100.00", updated["earnRule"]!["minimumSpend"]!.GetValue<string>());
    }

    [Fact]
    public async Task SetEarnRule_ZeroRate_ReturnsInvalidAmount()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await Client.PostAsync(Documents.SetEarnRule,
            new { input = new { spendPerPoint = "0.00" } }, merchant.OwnerToken);

        Assert.Equal("INVALID_AMOUNT", response.SingleErrorCode());
    }

    [Fact]
    public async Task SetEarnRule_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await Client.PostAsync(Documents.SetEarnRule,
            new { input = new { spendPerPoint = "1.00" } }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }

    [Fact]
    public async Task CreateApiKey_Owner_ReturnsSecretOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await Client.PostAsync(Documents.CreateApiKey,
            new { input = new { name = "Counter 2" } }, merchant.OwnerToken);

        JsonNode created = response.Field("createApiKey");
        string secret = created["secret"]!.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(secret));
        Assert.NotEqual(merchant.ApiKey, secret);
        Assert.Equal("Counter 2", created["apiKey"]!["name"]!.GetValue<string>());
        Assert.True(Guid.TryParse(created["apiKey"]!["id"]!.GetValue<string>(), out _));

        // The new key works at once, and the list of keys shows no secret.
        Assert.Null(await merchant.MemberAsync("0812345678", bearer: secret));
        GraphQLResponse listed = await Client.PostAsync("{ apiKeys { id name scope } }", null, merchant.OwnerToken);
        string listing = listed.Field("apiKeys").ToJsonString();
        // The test merchant starts with a pos key and a partner key.
        Assert.Equal(3, listed.Field("apiKeys").AsArray().Count);
        Assert.DoesNotContain(secret, listing);
    }
}
