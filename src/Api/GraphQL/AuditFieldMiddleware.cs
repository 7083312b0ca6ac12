using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GraphQL;
using GraphQL.Instrumentation;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Members;

namespace Pointspot.Api.GraphQL;

/// <summary>
/// Writes an audit log entry for every top-level mutation that an authenticated caller (staff or
/// an API key) completes without an error, so a mutation added later is audited without code of
/// its own. Mutations without credentials (sign-up, sign-in, refresh) are not audited.
/// </summary>
public sealed partial class AuditFieldMiddleware(ILogger<AuditFieldMiddleware> logger) : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        object? result = await next(context);
        if (context.ParentType.Name != "Mutation" || context.Path.Count() != 1)
        {
            return result;
        }

        var request = context.Request();
        if (request.ResolvedCaller is not { } caller)
        {
            return result;
        }

        var arguments = AuditTrail.ArgumentsOf(context);
        if (result is MemberErasure { Pseudonym: { } pseudonym })
        {
            // The erasure's own entry names the member by the pseudonym, not by the erased phone number.
            arguments = new JsonObject { ["input"] = new JsonObject { ["phone"] = pseudonym } };
        }

        var entry = AuditTrail.Entry(caller, context.FieldDefinition.Name, arguments, request.RemoteAddress);
        try
        {
            await request.Grains.GetGrain<IAuditLogGrain>(0).Append(entry);
        }
        catch (Exception exception)
        {
            // The change itself is committed; failing the response now would make a client repeat
            // a change that took effect. The entry is lost, and this log line records it.
            LogAuditFailed(exception, entry.MerchantId, entry.Action, entry.ActorId, request.RequestId);
        }

        return result;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Audit entry of {Action} by {ActorId} at merchant {MerchantId} was not written (request {RequestId})")]
    private partial void LogAuditFailed(Exception exception, Guid merchantId, string action, Guid actorId, string requestId);
}

/// <summary>Builds audit entries: the target and the arguments with secrets removed.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    // Arguments whose values are secrets and never reach the log.
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "token", "refreshToken", "secret",
    };

    // The argument that names what an operation changed, first match wins.
    private static readonly string[] TargetNames = ["id", "phone", "fromPhone", "receiptNumber", "email", "sku", "name"];

    public static AuditEntry Entry(Caller caller, string action, JsonObject details, string? remoteAddress) =>
        new(caller.MerchantId, caller.Kind, caller.SubjectId, caller.Role, action, FindTarget(details),
            details.ToJsonString(Json), remoteAddress);

    /// <summary>Returns the field's arguments as a JSON object, with secret values removed.</summary>
    public static JsonObject ArgumentsOf(IResolveFieldContext context)
    {
        var details = new JsonObject();
        if (context.Arguments is null)
        {
            return details;
        }

        foreach (var (name, argument) in context.Arguments)
        {
            details[name] = JsonSerializer.SerializeToNode(argument.Value, Json);
        }

        RemoveSecrets(details);
        return details;
    }

    private static void RemoveSecrets(JsonNode? node)
    {
        if (node is JsonObject json)
        {
            foreach (string name in json.Select(property => property.Key).Where(SecretNames.Contains).ToList())
            {
                json.Remove(name);
            }

            foreach (var (_, value) in json)
            {
                RemoveSecrets(value);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                RemoveSecrets(item);
            }
        }
    }

    private static string? FindTarget(JsonObject details)
    {
        var scopes = new List<JsonObject> { details };
        if (details["input"] is JsonObject input)
        {
            scopes.Add(input);
        }

        foreach (string name in TargetNames)
        {
            foreach (var scope in scopes)
            {
                if (scope[name] is JsonValue value && value.ToString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
        }

        return null;
    }
}
