using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Api.GraphQL;

/// <summary>The query of imports. Files are uploaded over POST /imports.</summary>
public static class ImportFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<ImportJobType>("importJob")
            .Description("An import of the merchant with its progress, or null. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The id POST /imports returned.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("importJob");
                Guid id = ManagerAccess.ParseId(c.GetArgument<string>("id"), "an import", "send the id that POST /imports returned");
                return await c.Request().Grains.GetGrain<IImportGrain>(id).GetJob(caller.MerchantId);
            });
    }
}
