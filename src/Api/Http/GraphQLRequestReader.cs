using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Transport;

namespace Pointspot.Api.Http;

/// <summary>A request-level failure: the body or parameters are not a GraphQL request.</summary>
public sealed class BadGraphQLRequestException(string message, int statusCode = StatusCodes.Status400BadRequest)
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>Reads a GraphQL-over-HTTP request from a POST body or GET parameters.</summary>
public static class GraphQLRequestReader
{
    public static async Task<GraphQLRequest> ReadPostAsync(HttpRequest request, IGraphQLTextSerializer serializer)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            throw new BadGraphQLRequestException($"The request body is not valid JSON: {exception.Message}");
        }
        catch (DecoderFallbackException)
        {
            throw new BadGraphQLRequestException("The request body is not valid UTF-8: send JSON encoded as UTF-8.");
        }

        try
        {
            return ReadBody(body.RootElement, serializer);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // A string with half a surrogate pair is valid JSON syntax but not valid text.
            throw new BadGraphQLRequestException($"The request body has an invalid string: {exception.Message}");
        }
        finally
        {
            body.Dispose();
        }
    }

    private static GraphQLRequest ReadBody(JsonElement root, IGraphQLTextSerializer serializer)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadGraphQLRequestException(
                "The request body must be a JSON object such as {\"query\": \"{ merchant { name } }\"}.");
        }

        // JSON parsers differ on which of two equal keys wins, so a proxy that checks the first
        // "query" could pass a body whose second "query" runs here.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                throw new BadGraphQLRequestException(
                    $"The request body has the key \"{property.Name}\" twice: send each key once.");
            }
        }

        return new GraphQLRequest
        {
            Query = ReadString(root, "query") ?? throw new BadGraphQLRequestException(
                "The request has no \"query\": send the GraphQL document as a string in \"query\"."),
            OperationName = ReadString(root, "operationName"),
            Variables = ReadObject<Inputs>(root, "variables", serializer),
            Extensions = ReadObject<Inputs>(root, "extensions", serializer),
        };
    }

    public static GraphQLRequest ReadGet(HttpRequest request, IGraphQLTextSerializer serializer)
    {
        string? query = request.Query["query"];
        if (string.IsNullOrEmpty(query))
        {
            throw new BadGraphQLRequestException("The request has no query parameter: send ?query=<GraphQL document>.");
        }

        return new GraphQLRequest
        {
            Query = query,
            OperationName = NullIfEmpty(request.Query["operationName"]),
            Variables = ParseParameter(request.Query["variables"], "variables", serializer),
            Extensions = ParseParameter(request.Query["extensions"], "extensions", serializer),
        };
    }

    private static string? ReadString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new BadGraphQLRequestException($"\"{name}\" must be a string, not {value.ValueKind}.");
    }

    private static T? ReadObject<T>(JsonElement root, string name, IGraphQLTextSerializer serializer) where T : class
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new BadGraphQLRequestException($"\"{name}\" must be a JSON object, not {value.ValueKind}.");
        }

        return serializer.Deserialize<T>(value.GetRawText());
    }

    private static Inputs? ParseParameter(string? text, string name, IGraphQLTextSerializer serializer)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        JsonValueKind kind;
        try
        {
            using var document = JsonDocument.Parse(text);
            kind = document.RootElement.ValueKind;
        }
        catch (JsonException exception)
        {
            throw new BadGraphQLRequestException($"The {name} parameter is not valid JSON: {exception.Message}");
        }

        try
        {
            return kind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Object => serializer.Deserialize<Inputs>(text),
                _ => throw new BadGraphQLRequestException($"The {name} parameter must be a JSON object, not {kind}."),
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new BadGraphQLRequestException($"The {name} parameter has an invalid string: {exception.Message}");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
