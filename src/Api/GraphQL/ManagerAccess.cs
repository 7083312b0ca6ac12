using GraphQL;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL;

public static class ManagerAccess
{
    /// <summary>Returns the caller when it is the merchant's owner or an admin, or throws FORBIDDEN.</summary>
    public static async Task<Caller> RequireManagerAsync(this GraphQLUserContext context, string operation)
    {
        var caller = await context.RequireCallerAsync();
        if (caller.Kind != CallerKind.Staff || caller.Role is not ("owner" or "admin"))
        {
            throw new ExecutionError(
                $"{operation} needs a sign-in token of the merchant's owner or an admin; an API key or another role cannot call it.")
            { Code = ErrorCodes.Forbidden };
        }

        return caller;
    }

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
}
