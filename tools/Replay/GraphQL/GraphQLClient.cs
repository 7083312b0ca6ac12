using System.Net.Http.Headers;
using System.Text;

namespace Pointspot.Replay.GraphQL;

/// <summary>A retry of a request that failed transiently.</summary>
/// <param name="Retry">1 for the first retry of the request.</param>
/// <param name="Code">The error code that caused it, such as UNAVAILABLE or HTTP_503.</param>
/// <param name="Delay">The pause before the retry is sent.</param>
internal sealed record GraphQLRetry(int Retry, string Code, string Message, TimeSpan Delay);

/// <summary>
/// Sends GraphQL requests over HTTP POST and retries transient failures with the same body, so a
/// retried mutation carries the same idempotency key.
/// </summary>
internal sealed class GraphQLClient(HttpClient http, Uri endpoint, RetryPolicy retryPolicy)
{
    public const string ResponseMediaType = "application/graphql-response+json";

    /// <summary>Called before every retry, from the thread of the request.</summary>
    public Action<GraphQLRetry>? OnRetry { get; init; }

    /// <summary>Waits before a retry; tests replace it to run without pauses.</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public Uri Endpoint => endpoint;

    /// <summary>
    /// Sends the request, and again on a transient failure (see
    /// <see cref="GraphQLResponse.IsTransient"/>) until it succeeds or
    /// <see cref="RetryPolicy.MaxAttempts"/> are used up. Returns the last response: failures
    /// come back as errors in it, and only a cancelled token throws.
    /// </summary>
    /// <param name="retry">False for a mutation that is not idempotent, which is sent once.</param>
    public async Task<GraphQLResponse> SendAsync(
        GraphQLRequest request,
        string? bearerToken,
        CancellationToken cancellationToken,
        bool retry = true)
    {
        string body = request.ToJson();
        int maxAttempts = retry ? retryPolicy.MaxAttempts : 1;

        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await SendOnceAsync(body, bearerToken, cancellationToken);
            if (!response.IsTransient || attempt >= maxAttempts)
            {
                return response;
            }

            var error = response.FirstError ?? new GraphQLError($"HTTP_{response.StatusCode}", "");
            var delay = retryPolicy.DelayBefore(attempt);
            OnRetry?.Invoke(new GraphQLRetry(attempt, error.Code, error.Message, delay));
            await Delay(delay, cancellationToken);
        }
    }

    private async Task<GraphQLResponse> SendOnceAsync(
        string body, string? bearerToken, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ResponseMediaType));
        if (bearerToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            return GraphQLResponse.Parse((int)response.StatusCode, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GraphQLResponse.TransportFailure(GraphQLResponse.Timeout,
                $"No response from {endpoint} within {http.Timeout.TotalSeconds:0} s.");
        }
        catch (HttpRequestException exception)
        {
            // The outer message is often only "An error occurred while sending the request.", and
            // the inner one names the cause, such as a refused connection.
            string cause = exception.InnerException?.Message ?? exception.Message;
            return GraphQLResponse.TransportFailure(GraphQLResponse.NetworkError,
                $"Request to {endpoint} failed: {cause}");
        }
        catch (IOException exception)
        {
            return GraphQLResponse.TransportFailure(GraphQLResponse.NetworkError,
                $"Reading the response from {endpoint} failed: {exception.Message}");
        }
    }
}
