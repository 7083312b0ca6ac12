using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Members;

namespace Pointspot.Api.GraphQL;

/// <summary>A member's rights under Thailand's PDPA: a copy of their data, and erasure. Owner only.</summary>
public static class PrivacyFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<MemberDataExportType>("memberDataExport")
            .Description("Everything stored about one member: profile, every ledger entry, claims and labels; null for an unknown phone. Owner only.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "The member's phone number in any common Thai form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("memberDataExport");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                return await c.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(caller.MerchantId, phone)).ExportData();
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<EraseMemberPayloadType>>("eraseMember")
            .Description("Erases a member on request: the phone number becomes a pseudonym in every kept row, the profile is "
                + "cleared and claim photos are deleted. Ledger entries and totals stay, and the phone number may sign up "
                + "again as a new member. Owner only; it cannot be undone.")
            .Argument<NonNullGraphType<EraseMemberInputType>>("input", "The member to erase.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("eraseMember");
                var input = c.GetArgument<EraseMemberInput>("input");
                var phone = QueryType.ParsePhone(input.Phone);
                var result = await c.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(caller.MerchantId, phone))
                    .Erase(GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });
    }
}
