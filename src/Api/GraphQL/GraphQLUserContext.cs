using GraphQL;
using Pointspot.Api.Http;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Api.GraphQL;

/// <summary>
/// The per-request GraphQL user context: the bearer secret as sent, resolved to its caller on
/// first use, and the request's id and remote address for the ledger's actor and the logs.
/// </summary>
public sealed class GraphQLUserContext(IGrainFactory grains, string? bearerSecret, string requestId, string? remoteAddress)
    : Dictionary<string, object?>
{
    private Task<Caller?>? _caller;

    public IGrainFactory Grains { get; } = grains;

    public string RequestId { get; } = requestId;

    public string? RemoteAddress { get; } = remoteAddress;

    /// <summary>Returns the authenticated caller or throws UNAUTHENTICATED.</summary>
    public async Task<Caller> RequireCallerAsync()
    {
        if (bearerSecret is null)
        {
            throw new ExecutionError(
                "This operation needs credentials: send \"Authorization: Bearer <token or API key>\".")
            { Code = ErrorCodes.Unauthenticated };
        }

        _caller ??= ResolveAsync(bearerSecret);
        return await _caller ?? throw new ExecutionError(
            "The bearer token or API key is invalid, expired or revoked: sign in again or use a valid API key.")
        { Code = ErrorCodes.Unauthenticated };
    }

    /// <summary>
    /// Returns the caller, or null without credentials, with invalid ones or when resolving them
    /// failed. A failure stays in the cached task, so the first resolver that needs the caller
    /// reports it as a GraphQL error.
    /// </summary>
    public async Task<Caller?> TryGetCallerAsync()
    {
        if (string.IsNullOrEmpty(bearerSecret))
        {
            return null;
        }

        _caller ??= ResolveAsync(bearerSecret);
        try
        {
            return await _caller;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>Returns the caller when it is the merchant's owner, or throws FORBIDDEN.</summary>
    public Task<Caller> RequireOwnerAsync(string operation) => this.RequireAsync(Permission.Own, operation);

    /// <summary>
    /// Returns the caller when the request's credentials were resolved and valid, without
    /// resolving them: null for a request that never asked for its caller.
    /// </summary>
    public Caller? ResolvedCaller => _caller is { IsCompletedSuccessfully: true } resolved ? resolved.Result : null;

    public static Actor ActorOf(Caller caller) =>
        new(caller.Kind == CallerKind.Staff ? "staff" : "api-key", caller.SubjectId.ToString("N"));

    private Task<Caller?> ResolveAsync(string secret) => BearerSecrets.ResolveAsync(Grains, secret);
}

public static class ResolveFieldContextExtensions
{
    public static GraphQLUserContext Request(this IResolveFieldContext context) => (GraphQLUserContext)context.UserContext;
}

/// <summary>Turns a domain error into a GraphQL error with the same code.</summary>
public static class Errors
{
    public static ExecutionError ToExecutionError(this PointspotError error) => new(error.Message) { Code = error.Code };

    public static T OrThrow<T>(T? value, PointspotError? error) where T : class
    {
        if (error is not null)
        {
            throw error.ToExecutionError();
        }

        return value ?? throw new ExecutionError("The operation returned no result.") { Code = ErrorCodes.Internal };
    }
}
