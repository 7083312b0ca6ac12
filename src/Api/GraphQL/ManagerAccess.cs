using GraphQL;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL;

/// <summary>
/// Permission checks of GraphQL fields, on top of <see cref="AccessPolicy"/>. Each returns the
/// caller, throws UNAUTHENTICATED without valid credentials and FORBIDDEN when the caller's role
/// or scope lacks the permission.
/// </summary>
public static class ManagerAccess
{
    /// <summary>Returns the caller when <see cref="AccessPolicy"/> grants it the permission, or throws FORBIDDEN.</summary>
    public static async Task<Caller> RequireAsync(this GraphQLUserContext context, Permission permission, string operation)
    {
        var caller = await context.RequireCallerAsync();
        if (!AccessPolicy.Allows(caller, permission))
        {
            throw Forbidden(caller, permission, operation);
        }

        return caller;
    }

    /// <summary>
    /// Returns the caller when it may receive live events and read: the owner, an admin, or an API
    /// key of scope partner or admin. For subscriptions, the dashboard hub and webhook settings.
    /// </summary>
    public static Task<Caller> RequirePartnerAsync(this GraphQLUserContext context, string operation) =>
        context.RequireAsync(Permission.Subscribe, operation);

    /// <summary>Returns the caller when it may manage settings, products, claims and imports.</summary>
    public static Task<Caller> RequireManagerAsync(this GraphQLUserContext context, string operation) =>
        context.RequireAsync(Permission.Manage, operation);

    /// <summary>
    /// The same check outside GraphQL, such as a SignalR hub or an upload endpoint: returns null
    /// when the caller has the permission, or the FORBIDDEN error to send. Resolve the caller
    /// first with <see cref="Http.BearerSecrets.ResolveAsync"/>, which returns null for a secret
    /// that is unknown, expired or revoked.
    /// </summary>
    public static PointspotError? Check(Caller caller, Permission permission, string operation) =>
        AccessPolicy.Allows(caller, permission)
            ? null
            : new PointspotError(ErrorCodes.Forbidden, ForbiddenMessage(caller, permission, operation));

    /// <summary>Parses an id argument, or throws INVALID_INPUT ending with <paramref name="fix"/>, where such ids come from.</summary>
    public static Guid ParseId(string id, string kindOfId, string fix)
    {
        if (!Guid.TryParse(id, out Guid value))
        {
            throw new ExecutionError($"id \"{id}\" is not {kindOfId} id: {fix}.")
            { Code = ErrorCodes.InvalidInput };
        }

        return value;
    }

    private static ExecutionError Forbidden(Caller caller, Permission permission, string operation) =>
        new(ForbiddenMessage(caller, permission, operation)) { Code = ErrorCodes.Forbidden };

    private static string ForbiddenMessage(Caller caller, Permission permission, string operation) =>
        $"{operation} needs {AccessPolicy.Describe(permission)}; {AccessPolicy.DescribeCaller(caller)} cannot call it.";
}
