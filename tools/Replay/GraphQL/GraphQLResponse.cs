using System.Text.Json;

namespace Pointspot.Replay.GraphQL;

/// <summary>A GraphQL error: its <c>extensions.code</c> and message.</summary>
internal sealed record GraphQLError(string Code, string Message);

/// <summary>
/// The outcome of one HTTP request: the status code, <c>data</c> and <c>errors</c>. A request that
/// got no HTTP response has status code 0 and one error with the code <see cref="NetworkError"/>
/// or <see cref="Timeout"/>.
/// </summary>
internal sealed record GraphQLResponse(
    int StatusCode, JsonElement? Data, IReadOnlyList<GraphQLError> Errors)
{
    public const string Unavailable = "UNAVAILABLE";
    public const string NetworkError = "NETWORK_ERROR";
    public const string Timeout = "TIMEOUT";
    public const string MissingCode = "NO_CODE";

    /// <summary>The code given to a response whose data lacks a field the replay reads.</summary>
    public const string InvalidResponse = "INVALID_RESPONSE";

    private const int MaxQuotedBodyLength = 200;

    /// <summary>
    /// Whether the same request may succeed when sent again: no HTTP response, HTTP 5xx, or an
    /// error with the code UNAVAILABLE, which the server sends when its database or cluster is
    /// unreachable.
    /// </summary>
    public bool IsTransient =>
        StatusCode == 0
        || StatusCode >= 500
        || Errors.Any(error => error.Code == Unavailable);

    /// <summary>The first error, which names the failure when there are several.</summary>
    public GraphQLError? FirstError => Errors.Count > 0 ? Errors[0] : null;

    public static GraphQLResponse TransportFailure(string code, string message) =>
        new(0, null, [new GraphQLError(code, message)]);

    /// <summary>
    /// Reads a GraphQL response body. A body that is not a JSON object, or a non-2xx status with
    /// no errors in the body, becomes one error with the code HTTP_{status}.
    /// </summary>
    public static GraphQLResponse Parse(int statusCode, string body)
    {
        bool success = statusCode is >= 200 and < 300;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return HttpFailure(statusCode,
                $"HTTP {statusCode} with a body that is not JSON: {Quote(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return HttpFailure(statusCode,
                    $"HTTP {statusCode} with a body that is not a JSON object: {Quote(body)}");
            }

            JsonElement? data = root.TryGetProperty("data", out var dataElement)
                && dataElement.ValueKind == JsonValueKind.Object
                    ? dataElement.Clone()
                    : null;
            var errors = ReadErrors(root);

            if (!success && errors.Count == 0)
            {
                string message = $"HTTP {statusCode} without GraphQL errors: {Quote(body)}";
                errors.Add(new GraphQLError($"HTTP_{statusCode}", message));
            }

            return new GraphQLResponse(statusCode, data, errors);
        }
    }

    private static List<GraphQLError> ReadErrors(JsonElement root)
    {
        var errors = new List<GraphQLError>();
        if (!root.TryGetProperty("errors", out var errorArray)
            || errorArray.ValueKind != JsonValueKind.Array)
        {
            return errors;
        }

        foreach (var error in errorArray.EnumerateArray())
        {
            string message = error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var messageElement)
                && messageElement.ValueKind == JsonValueKind.String
                    ? messageElement.GetString()!
                    : error.GetRawText();
            string code = error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("extensions", out var extensions)
                && extensions.ValueKind == JsonValueKind.Object
                && extensions.TryGetProperty("code", out var codeElement)
                && codeElement.ValueKind == JsonValueKind.String
                    ? codeElement.GetString()!
                    : MissingCode;
            errors.Add(new GraphQLError(code, message));
        }

        return errors;
    }

    private static GraphQLResponse HttpFailure(int statusCode, string message) =>
        new(statusCode, null, [new GraphQLError($"HTTP_{statusCode}", message)]);

    private static string Quote(string body)
    {
        string trimmed = body.Trim();
        return trimmed.Length <= MaxQuotedBodyLength
            ? $"\"{trimmed}\""
            : $"\"{trimmed[..MaxQuotedBodyLength]}...\"";
    }
}
