using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Tests;

public sealed class GraphQLClientTests
{
    private const string Accepted = """{"data":{"collectPoints":{"entry":{"points":11},"replayed":false}}}""";
    private const string Unavailable = """{"errors":[{"message":"retry","extensions":{"code":"UNAVAILABLE"}}]}""";
    private const string Duplicate =
        """{"errors":[{"message":"Receipt R-1 already earned points.","extensions":{"code":"DUPLICATE_RECEIPT"}}],"data":null}""";

    private static readonly Uri Endpoint = new("http://127.0.0.1:5080/graphql");

    private static readonly GraphQLRequest Request = new(
        "mutation { collectPoints }",
        new JsonObject { ["input"] = new JsonObject { ["idempotencyKey"] = "cdnow-2" } });

    private static (GraphQLClient Client, StubHandler Handler, List<GraphQLRetry> Retries) Create(
        Func<int, HttpRequestMessage, HttpResponseMessage> respond, int maxAttempts = 4)
    {
        var handler = new StubHandler(respond);
        var retries = new List<GraphQLRetry>();
        var client = new GraphQLClient(
            new HttpClient(handler), Endpoint, new RetryPolicy(maxAttempts, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1)))
        {
            OnRetry = retries.Add,
            Delay = (_, _) => Task.CompletedTask,
        };
        return (client, handler, retries);
    }

    [Fact]
    public async Task SendAsync_Success_SendsHeadersAndBody()
    {
        var (client, handler, retries) = Create((_, _) => StubHandler.Json(HttpStatusCode.OK, Accepted));

        var response = await client.SendAsync(Request, "psk_secret", CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(retries);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(Endpoint, sent.Uri);
        Assert.Equal("application/graphql-response+json", sent.Accept);
        Assert.Equal("application/json", sent.ContentType);
        Assert.Equal("Bearer psk_secret", sent.Authorization);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("mutation { collectPoints }", body.RootElement.GetProperty("query").GetString());
        Assert.Equal("cdnow-2",
            body.RootElement.GetProperty("variables").GetProperty("input").GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task SendAsync_NoToken_SendsNoAuthorization()
    {
        var (client, handler, _) = Create((_, _) => StubHandler.Json(HttpStatusCode.OK, Accepted));

        await client.SendAsync(Request, null, CancellationToken.None);

        Assert.Null(Assert.Single(handler.Requests).Authorization);
    }

    [Fact]
    public async Task SendAsync_Http503_RetriesSameBody()
    {
        var (client, handler, retries) = Create((attempt, _) => attempt == 1
            ? StubHandler.Json(HttpStatusCode.ServiceUnavailable, "<html>down</html>")
            : StubHandler.Json(HttpStatusCode.OK, Accepted));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        var retry = Assert.Single(retries);
        Assert.Equal("HTTP_503", retry.Code);
        Assert.Equal(1, retry.Retry);
    }

    [Fact]
    public async Task SendAsync_UnavailableCodeThenSuccess_Retries()
    {
        var (client, handler, retries) = Create((attempt, _) => StubHandler.Json(
            HttpStatusCode.OK, attempt <= 2 ? Unavailable : Accepted));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(["UNAVAILABLE", "UNAVAILABLE"], retries.Select(retry => retry.Code));
    }

    [Fact]
    public async Task SendAsync_NetworkErrorThenSuccess_Retries()
    {
        var (client, handler, retries) = Create((attempt, _) => attempt == 1
            ? throw new HttpRequestException("Connection refused (127.0.0.1:5080)")
            : StubHandler.Json(HttpStatusCode.OK, Accepted));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal(2, handler.Requests.Count);
        var retry = Assert.Single(retries);
        Assert.Equal(GraphQLResponse.NetworkError, retry.Code);
        Assert.Contains("Connection refused", retry.Message);
    }

    [Fact]
    public async Task SendAsync_DomainError_NotRetried()
    {
        var (client, handler, retries) = Create((_, _) => StubHandler.Json(HttpStatusCode.OK, Duplicate));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Single(handler.Requests);
        Assert.Empty(retries);
        var error = Assert.Single(response.Errors);
        Assert.Equal("DUPLICATE_RECEIPT", error.Code);
        Assert.Equal("Receipt R-1 already earned points.", error.Message);
    }

    [Fact]
    public async Task SendAsync_BadRequest_NotRetried()
    {
        const string invalid = """{"errors":[{"message":"Cannot query field \"replayed\".","extensions":{"code":"FIELDS_ON_CORRECT_TYPE"}}]}""";
        var (client, handler, retries) = Create((_, _) => StubHandler.Json(HttpStatusCode.BadRequest, invalid));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Single(handler.Requests);
        Assert.Empty(retries);
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task SendAsync_AlwaysUnavailable_GivesUp()
    {
        var (client, handler, retries) = Create((_, _) => StubHandler.Json(HttpStatusCode.OK, Unavailable), maxAttempts: 3);

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([1, 2], retries.Select(retry => retry.Retry));
        Assert.Equal("UNAVAILABLE", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task SendAsync_RetryDisabled_SendsOnce()
    {
        var (client, handler, retries) = Create((_, _) => StubHandler.Json(HttpStatusCode.InternalServerError, "{}"));

        var response = await client.SendAsync(Request, null, CancellationToken.None, retry: false);

        Assert.Single(handler.Requests);
        Assert.Empty(retries);
        Assert.Equal("HTTP_500", Assert.Single(response.Errors).Code);
    }

    [Fact]
    public async Task SendAsync_Timeout_RetriedAsTimeout()
    {
        var (client, _, retries) = Create((attempt, _) => attempt == 1
            ? throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout")
            : StubHandler.Json(HttpStatusCode.OK, Accepted));

        var response = await client.SendAsync(Request, "k", CancellationToken.None);

        Assert.Empty(response.Errors);
        Assert.Equal(GraphQLResponse.Timeout, Assert.Single(retries).Code);
    }

    [Fact]
    public async Task SendAsync_Cancelled_Throws()
    {
        var (client, _, _) = Create((_, _) => StubHandler.Json(HttpStatusCode.OK, Accepted));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.SendAsync(Request, "k", cancellation.Token));
    }

    [Fact]
    public void RetryPolicy_DelayDoublesUpToMaximum()
    {
        var policy = new RetryPolicy(8, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

        for (int retry = 1; retry <= 7; retry++)
        {
            double full = Math.Min(250 * Math.Pow(2, retry - 1), 10_000);
            double delay = policy.DelayBefore(retry).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }
}
