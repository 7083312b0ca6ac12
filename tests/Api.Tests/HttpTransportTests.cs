using System.Net;
using System.Text.Json;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>GraphQL over HTTP at /graphql: methods, media types and status codes.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpTransportTests(ApiHostFixture fixture)
{
    private const string EntryFields = "id kind points amount receiptNumber occurredAt balanceAfter";

    private GraphQLClient Client => fixture.Client;

    [Fact]
    public async Task Get_Query_ReturnsData()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.CollectAsync("0812345678", "50.00", "R-GET")).Field("collectPoints");
        string query = Uri.EscapeDataString(
            "query Member($phone: String!) { member(phone: $phone) { phone balance } }");
        string variables = Uri.EscapeDataString(JsonSerializer.Serialize(new { phone = "081-234-5678" }));

        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Get, $"graphql?query={query}&variables={variables}", bearer: merchant.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(GraphQLClient.GraphQLResponseMediaType, response.MediaType);
        Assert.Equal("+66812345678", response.Field("member")["phone"]!.GetValue<string>());
        Assert.Equal(
            TestMerchant.ExpectedPoints(50.00m, 25.00m), response.Field("member")["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task Get_Mutation_Returns405WithAllowPost()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string query = Uri.EscapeDataString(
            "mutation { sendPoints(input: {phone: \"0812345678\", points: 5, reason: \"r\", "
            + "idempotencyKey: \"get-1\"}) { member { balance } } }");

        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Get, $"graphql?query={query}", bearer: merchant.OwnerToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal(["POST"], response.Allow);
        Assert.Equal("METHOD_NOT_ALLOWED", response.SingleErrorCode());
        Assert.Equal(0, (await merchant.SummaryAsync()).Entries);
    }

    [Fact]
    public async Task Post_MalformedJson_Returns400()
    {
        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Post, "graphql", "{\"query\": \"{ merchant { id } }\"", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.SingleErrorCode());
    }

    [Theory]
    [InlineData(30)]
    [InlineData(200)]
    public async Task Post_DeeplyNestedQuery_Returns400(int levels)
    {
        string query = string.Concat(Enumerable.Repeat("{merchant ", levels)) + "{id}" + new string('}', levels);
        string body = System.Text.Json.JsonSerializer.Serialize(new { query });

        GraphQLResponse response = await Client.SendAsync(HttpMethod.Post, "graphql", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("nested deeper than", response.Errors[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_BodyNotObject_Returns400()
    {
        GraphQLResponse response = await Client.SendAsync(HttpMethod.Post, "graphql", "[1, 2]", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.SingleErrorCode());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Post_WrongContentType_Returns415(string? contentType)
    {
        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Post, "graphql", "{\"query\": \"{ merchant { id } }\"}", contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", response.SingleErrorCode());
    }

    [Fact]
    public async Task Post_SyntaxError_Returns400WithCode()
    {
        GraphQLResponse response = await Client.PostAsync("{ member(phone: \"0812345678\") { balance ");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("SYNTAX_ERROR", response.SingleErrorCode());
        Assert.Null(response.Body?["data"]);
    }

    [Fact]
    public async Task Post_UnknownField_Returns400WithCode()
    {
        GraphQLResponse response = await Client.PostAsync("{ member(phone: \"0812345678\") { favouriteColour } }");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.NotEmpty(response.Errors);
        Assert.All(response.ErrorCodes, code => Assert.False(string.IsNullOrEmpty(code)));
    }

    [Fact]
    public async Task Post_ContentTypeWithCharset_ReturnsData()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await Client.SendAsync(HttpMethod.Post, "graphql",
            "{\"query\": \"{ merchant { id } }\"}", "application/json; charset=utf-8", merchant.ApiKey);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(merchant.Id.ToString(), response.Field("merchant")["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_LoneSurrogateInVariables_Returns400()
    {
        // JSON may escape half of a surrogate pair, but no .NET string can be read from it.
        const string body = """
            {"query": "query M($phone: String!) { member(phone: $phone) { balance } }",
             "variables": {"phone": "081\ud800"}}
            """;

        GraphQLResponse response = await Client.SendAsync(HttpMethod.Post, "graphql", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.SingleErrorCode());
    }

    [Fact]
    public async Task Post_LoneSurrogateInQuery_Returns400()
    {
        const string body = """{"query": "{ member(phone: \"081\ud800\") { balance } }"}""";

        GraphQLResponse response = await Client.SendAsync(HttpMethod.Post, "graphql", body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.SingleErrorCode());
    }

    [Fact]
    public async Task Get_LoneSurrogateInVariables_Returns400()
    {
        string query = Uri.EscapeDataString("query M($phone: String!) { member(phone: $phone) { balance } }");
        string variables = Uri.EscapeDataString("{\"phone\": \"081\\ud800\"}");

        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Get, $"graphql?query={query}&variables={variables}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("BAD_REQUEST", response.SingleErrorCode());
    }

    [Fact]
    public async Task CachedDocument_LargerPage_StillTooComplex()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        // Ten aliased histories: GraphQL.NET's complexity rule multiplies each by the value of
        // "first", so 100 entries a page exceed the limit of 5,000 and one entry does not.
        string aliases = string.Concat(Enumerable.Range(0, 10).Select(i =>
            $" m{i}: member(phone: $phone) {{ history(first: $first) {{ edges {{ node {{ {EntryFields} }} }} }} }}"));
        string document = $"query Wide($phone: String!, $first: Int) {{{aliases} }}";

        var largePage = new { phone = "0812345678", first = 100 };
        var smallPage = new { phone = "0812345678", first = 1 };

        GraphQLResponse before = await Client.PostAsync(document, largePage, merchant.ApiKey);
        GraphQLResponse small = await Client.PostAsync(document, smallPage, merchant.ApiKey);
        GraphQLResponse after = await Client.PostAsync(document, largePage, merchant.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, before.Status);
        Assert.Equal("COMPLEXITY", before.SingleErrorCode());
        Assert.Equal(HttpStatusCode.OK, small.Status);
        Assert.Equal(HttpStatusCode.BadRequest, after.Status);
        Assert.Equal("COMPLEXITY", after.SingleErrorCode());
    }

    [Fact]
    public async Task Put_Request_Returns405()
    {
        GraphQLResponse response = await Client.SendAsync(
            HttpMethod.Put, "graphql", "{\"query\": \"{ merchant { id } }\"}", "application/json");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Contains("POST", response.Allow);
    }

    [Fact]
    public async Task Errors_EveryFailure_CarryCode()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        GraphQLResponse[] failures =
        [
            await Client.PostAsync(Documents.Member, new { phone = "0812345678" }),
            await Client.PostAsync(Documents.Member, new { phone = "12345" }, merchant.ApiKey),
            await Client.PostAsync(Documents.Member, new { phone = 12345 }, merchant.ApiKey),
            await Client.PostAsync(Documents.Member, null, merchant.ApiKey),
            await Client.PostAsync("{ nope }"),
            await Client.PostAsync("query A { merchant { id } } query B { merchant { id } }"),
            await merchant.CollectAsync("0812345678", "abc", "R-ABC"),
            await merchant.CollectAsync("0812345678", "-1", "R-NEG"),
            await merchant.CollectAsync("0812345678", "10.00", "R\u0001CTRL"),
            await merchant.CollectAsync("0812345678", "10.00", ""),
            await merchant.PullAsync("0812345678", 5, "pull-unknown-member"),
            await Client.SendAsync(HttpMethod.Post, "graphql", "not json", "application/json"),
            await Client.SendAsync(HttpMethod.Post, "graphql", "{\"variables\": {}}", "application/json"),
            await Client.SendAsync(HttpMethod.Get, "graphql"),
        ];

        Assert.All(failures, failure =>
        {
            Assert.True(failure.Errors.Count > 0, $"Expected errors, got {failure.Body?.ToJsonString()}");
            Assert.All(failure.ErrorCodes, code =>
                Assert.False(string.IsNullOrEmpty(code), $"An error has no code: {failure.Body?.ToJsonString()}"));
        });
    }
}
