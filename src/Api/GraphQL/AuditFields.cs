using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL;

/// <summary>The audit log query. Entries are written by <see cref="AuditFieldMiddleware"/> and the upload endpoints.</summary>
public static class AuditFields
{
    public const int MaxPageSize = 200;

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<AuditLogConnectionType>>("auditLog")
            .Description("Every change of points or settings by staff or API keys, newest first. Owner only.")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 50;
                a.Description = $"How many entries to return, at most {MaxPageSize}.";
            })
            .Argument<StringGraphType>("after", "The endCursor of the previous page; the newest entries when omitted.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("auditLog");
                int first = c.GetArgument("first", 50);
                if (first < 0 || first > MaxPageSize)
                {
                    throw new ExecutionError($"first {first} is out of range: ask for 0 to {MaxPageSize} entries.")
                    { Code = ErrorCodes.InvalidInput };
                }

                long? before = Cursor.Decode(c.GetArgument<string?>("after"));
                return await c.Request().Grains.GetGrain<IAuditLogGrain>(0).Read(caller.MerchantId, first, before);
            });
    }
}
