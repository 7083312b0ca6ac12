using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Claims;

namespace Pointspot.Api.GraphQL;

/// <summary>The queries and mutations of requested points. Claims are submitted over POST /claims.</summary>
public static class ClaimFields
{
    public const int MaxPageSize = 200;

    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims")
            .Description("The merchant's claims, oldest first. Owner, admin or an API key of scope admin.")
            .Argument<ClaimStatusType>("status", a =>
            {
                a.DefaultValue = ClaimStatus.Pending;
                a.Description = "Only claims with this status; PENDING when omitted, every status when null.";
            })
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 50;
                a.Description = $"How many claims to list, at most {MaxPageSize}.";
            })
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("claims");
                int first = c.GetArgument("first", 50);
                if (first < 0 || first > MaxPageSize)
                {
                    throw new ExecutionError($"first {first} is out of range: ask for 0 to {MaxPageSize} claims.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var status = c.GetArgument<ClaimStatus?>("status");
                return await Claims(c, caller.MerchantId).List(status, first);
            });

        query.Field<ClaimType>("claim")
            .Description("One claim of the merchant, or null. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The claim's id.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("claim");
                Guid id = ManagerAccess.ParseId(c.GetArgument<string>("id"), "a claim", "take one from the claims query");
                return await Claims(c, caller.MerchantId).Get(id);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ClaimType>>("approveClaim")
            .Description("Approves a pending claim: its purchase earns points by the earn rule, once. Approving it again "
                + "returns it unchanged. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The claim to approve.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("approveClaim");
                Guid id = ManagerAccess.ParseId(c.GetArgument<string>("id"), "a claim", "take one from the claims query");
                var result = await Claims(c, caller.MerchantId).Approve(id, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Claim, result.Error);
            });

        mutation.Field<NonNullGraphType<ClaimType>>("rejectClaim")
            .Description("Rejects a pending claim with a reason. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<RejectClaimInputType>>("input", a => a.Description = "The claim and the reason.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("rejectClaim");
                var input = c.GetArgument<RejectClaimInput>("input");
                Guid id = ManagerAccess.ParseId(input.Id, "a claim", "take one from the claims query");
                var result = await Claims(c, caller.MerchantId).Reject(id, input.Reason, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Claim, result.Error);
            });
    }

    private static IClaimsGrain Claims(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IClaimsGrain>(merchantId);
}
