using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>Regression tests for inputs that once got the wrong result, each named after the behaviour.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiHostFixture fixture)
{
    private const string Phone = "0811112222";
    private const string E164 = "+66811112222";

    [Fact]
    public async Task RegisterMember_WithBirthDate_StoresIt()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        const string mutation = """
            mutation($input: RegisterMemberInput!) {
              registerMember(input: $input) { phone status name birthDate gender marketingConsent }
            }
            """;

        GraphQLResponse response = await merchant.Client.PostAsync(mutation, new
        {
            input = new { phone = Phone, name = "สมชาย ใจดี", birthDate = "1990-05-01", gender = "MALE", marketingConsent = true },
        }, merchant.ApiKey);

        JsonNode member = response.Field("registerMember");
        Assert.Equal(E164, member["phone"]!.GetValue<string>());
        Assert.Equal("REGISTERED", member["status"]!.GetValue<string>());
        Assert.Equal("สมชาย ใจดี", member["name"]!.GetValue<string>());
        Assert.Equal("1990-05-01", member["birthDate"]!.GetValue<string>());
        Assert.Equal("MALE", member["gender"]!.GetValue<string>());
        Assert.True(member["marketingConsent"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FragmentBomb_Rejected_BeforeExpansion()
    {
        // Each fragment spreads the next one twice, so the expanded operation has 2^30 fields.
        const int levels = 30;
        var document = new StringBuilder("query { ...F0 }");
        for (int i = 0; i < levels; i++)
        {
            document.Append(CultureInfo.InvariantCulture, $" fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}");
        }

        document.Append(CultureInfo.InvariantCulture, $" fragment F{levels} on Query {{ __typename }}");

        GraphQLResponse response = await fixture.Client.PostAsync(document.ToString());

        // The client accepts application/graphql-response+json, so a rejected document gets status 400.
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("QUERY_TOO_LARGE", response.SingleErrorCode());
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task ManyTopLevelAliases_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string aliases = string.Concat(Enumerable.Range(0, 21).Select(i => $"a{i}: pointsSummary {{ entries }} "));

        GraphQLResponse response = await merchant.Client.PostAsync("{ " + aliases + "}", bearer: merchant.ApiKey);

        Assert.Equal("QUERY_TOO_LARGE", response.SingleErrorCode());
    }

    [Fact]
    public async Task CollectPoints_NulInIdempotencyKey_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.CollectAsync(Phone, "100.00", "R-KEY", "a\u0000b");

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task CollectPoints_LoneSurrogateIdempotencyKey_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        // Only a GraphQL string literal can carry half of a surrogate pair into a .NET string.
        const string document = """
            mutation {
              collectPoints(input: {phone: "0811112222", amount: "50.00", receiptNumber: "R-SURROGATE-KEY",
                idempotencyKey: "\uD800", occurredAt: "2026-01-15T10:00:00+07:00"}) { entry { id } }
            }
            """;
        GraphQLResponse response = await fixture.Client.PostAsync(document, null, merchant.ApiKey);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task SendPoints_NulInIdempotencyKey_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await merchant.SendAsync(Phone, 5, "a\u0000");

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Theory]
    [InlineData("a\\u0000@example.com", "correct horse battery")]
    [InlineData("a\\uD800@example.com", "correct horse battery")]
    [InlineData("owner@example.com", "correct horse\\uD800")]
    public async Task SignIn_UnencodableText_ReturnsInvalidInput(string email, string password)
    {
        // The escapes stay in the GraphQL literal, which turns them into a NUL or half of a surrogate pair.
        string mutation = $$"""mutation { signIn(input: { email: "{{email}}", password: "{{password}}" }) { token } }""";

        GraphQLResponse response = await fixture.Client.PostAsync(mutation);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
    }

    [Fact]
    public async Task SignUp_LoneSurrogateInPassword_ReturnsInvalidInput()
    {
        string mutation = $$"""
            mutation {
              signUpMerchant(input: { name: "Shop", ownerEmail: "{{Guid.NewGuid():N}}@example.com",
                password: "aaaaaaaaaa\uD800" }) { token }
            }
            """;

        GraphQLResponse response = await fixture.Client.PostAsync(mutation);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
    }

    [Theory]
    [InlineData("99.9999999999999999999999999999")]
    [InlineData("100.0000000000000000000000000001")]
    public async Task CollectPoints_DigitsDecimalCannotKeep_RejectedUnchanged(string amount)
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "1.00");

        GraphQLResponse response = await merchant.CollectAsync(Phone, amount, "R-PRECISE");

        Assert.Single(response.Errors);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task CollectPoints_BeforeUnixEpochInUtc_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var occurredAt = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.FromHours(1));

        GraphQLResponse response = await merchant.CollectAsync(Phone, "100.00", "R-1969", occurredAt: occurredAt);

        Assert.Equal("INVALID_OCCURRED_AT", response.SingleErrorCode());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task CollectPoints_SameKeyOtherOccurredAt_ReturnsKeyReused()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var first = TestMerchant.HourAgo();
        (await merchant.CollectAsync(Phone, "100.00", "R-TIME", "K-TIME", first)).Field("collectPoints");

        GraphQLResponse retry = await merchant.CollectAsync(Phone, "100.00", "R-TIME", "K-TIME", first.AddDays(-1));

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", retry.SingleErrorCode());
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task SendPoints_SameKeyOtherReason_ReturnsKeyReused()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        const string mutation = """
            mutation($input: AdjustPointsInput!) { sendPoints(input: $input) { replayed } }
            """;
        (await merchant.Client.PostAsync(mutation,
            new { input = new { phone = Phone, points = 5, reason = "birthday gift", idempotencyKey = "ADJ-1" } },
            merchant.OwnerToken)).Field("sendPoints");

        GraphQLResponse retry = await merchant.Client.PostAsync(mutation,
            new { input = new { phone = Phone, points = 5, reason = "broken cup", idempotencyKey = "ADJ-1" } },
            merchant.OwnerToken);

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", retry.SingleErrorCode());
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task Body_DuplicateQueryKey_Rejected()
    {
        const string body = """{"query":"{ __typename }","query":"{ __schema { queryType { name } } }"}""";

        GraphQLResponse response = await fixture.Client.SendAsync(HttpMethod.Post, "graphql", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("\"query\" twice", response.Errors[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Body_Latin1Charset_Returns415()
    {
        GraphQLResponse response = await fixture.Client.SendAsync(
            HttpMethod.Post, "graphql", """{"query":"{ __typename }"}""", "application/json; charset=latin1");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
    }
}
