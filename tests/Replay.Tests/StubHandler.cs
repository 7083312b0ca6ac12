using System.Net;
using System.Text;

namespace Pointspot.Replay.Tests;

/// <summary>An HTTP handler that returns responses from a function and records every request.</summary>
internal sealed class StubHandler(Func<int, HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private int count;

    public List<RecordedRequest> Requests { get; } = [];

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/graphql-response+json") };

    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        int attempt;
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.Accept.ToString(),
                request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.MediaType,
                body));
            attempt = ++count;
        }

        return respond(attempt, request);
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, string Accept, string? Authorization, string? ContentType, string Body);
