using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>Sends GraphQL-over-HTTP requests to /graphql as a POS or the back office would.</summary>
public sealed class GraphQLClient : IDisposable
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";

    private readonly HttpClient http;

    public GraphQLClient(Uri baseAddress)
    {
        // No proxy: every request of these tests goes to the host on the loopback address.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(GraphQLResponseMediaType));
    }

    /// <summary>Posts a document with its variables as application/json.</summary>
    public Task<GraphQLResponse> PostAsync(string query, object? variables = null, string? bearer = null)
    {
        string body = JsonSerializer.Serialize(new { query, variables });
        return SendAsync(HttpMethod.Post, "graphql", body, "application/json", bearer);
    }

    /// <summary>Sends any request to the host, for the transport tests that break the rules on purpose.</summary>
    public async Task<GraphQLResponse> SendAsync(
        HttpMethod method, string path, string? body = null, string? contentType = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? json = text.Length == 0 ? null : JsonNode.Parse(text);
        IEnumerable<string> allow = response.Content.Headers.Allow;
        return new GraphQLResponse(
            response.StatusCode, response.Content.Headers.ContentType?.MediaType, allow.ToList(), text, json);
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A response of /graphql: the status, the headers the tests check, and the body as sent and parsed.</summary>
public sealed record GraphQLResponse(
    HttpStatusCode Status,
    string? MediaType,
    IReadOnlyList<string> Allow,
    string Text,
    JsonNode? Body)
{
    public JsonNode? Data => Body?["data"];

    public IReadOnlyList<JsonNode> Errors =>
        Body?["errors"] is JsonArray errors ? errors.Select(error => error!).ToList() : [];

    /// <summary>The extensions.code of every error, with null where an error has none.</summary>
    public IReadOnlyList<string?> ErrorCodes =>
        Errors.Select(error => error["extensions"]?["code"]?.GetValue<string>()).ToList();

    /// <summary>Returns data.field, failing the test with the errors when the request failed.</summary>
    public JsonNode Field(string name)
    {
        Assert.True(Errors.Count == 0, $"Expected no errors, got: {Body?["errors"]?.ToJsonString()}");
        return Data?[name] ?? throw new Xunit.Sdk.XunitException($"data.{name} is missing in {Body?.ToJsonString()}");
    }

    /// <summary>Returns the one error's code, failing the test unless there is exactly one error.</summary>
    public string? SingleErrorCode()
    {
        Assert.True(Errors.Count == 1, $"Expected one error, got: {Body?.ToJsonString()}");
        return ErrorCodes[0];
    }
}
