using GraphQL;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL;

/// <summary>The one access check of partner features: event subscriptions and webhooks.</summary>
public static class PartnerAccess
{
    /// <summary>Returns the caller when it is the merchant's owner or an API key, or throws FORBIDDEN.</summary>
    // TODO: accept only API keys with the partner scope (and the owner) once keys carry scopes
    // other than pos; until then every API key of the merchant passes.
    public static async Task<Caller> RequirePartnerAsync(this GraphQLUserContext context, string operation)
    {
        var caller = await context.RequireCallerAsync();
        bool owner = caller.Kind == CallerKind.Staff && caller.Role == "owner";
        if (!owner && caller.Kind != CallerKind.ApiKey)
        {
            throw new ExecutionError(
                $"{operation} needs a partner API key or the merchant owner's sign-in token; another staff role cannot call it.")
            { Code = ErrorCodes.Forbidden };
        }

        return caller;
    }
}
