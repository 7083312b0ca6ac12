using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Api.GraphQL;

/// <summary>Staff invitations, sessions (refresh and sign-out), staff removal and the cashiers' limit.</summary>
public static class StaffFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StaffMemberType>>>>("staff")
            .Description("The merchant's staff, removed accounts included. Owner only.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("staff");
                return await Staff(c, caller.MerchantId).ListStaff();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StaffInvitationType>>>>("staffInvitations")
            .Description("The merchant's invitations, accepted ones included. Owner only.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("staffInvitations");
                return await Staff(c, caller.MerchantId).ListInvitations();
            });

        query.Field<NonNullGraphType<LongGraphType>>("cashierPointsLimit")
            .Description("The most points a cashier may send or pull in one sendPoints or pullPoints; 0 until the owner sets it.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "cashierPointsLimit");
                return await Staff(c, caller.MerchantId).GetCashierPointsLimit();
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<InviteStaffPayloadType>>("inviteStaff")
            .Description("Invites an admin or a cashier: returns a one-time token for acceptInvitation. No e-mail is sent. Owner only.")
            .Argument<NonNullGraphType<InviteStaffInputType>>("input", "The e-mail address and the role.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("inviteStaff");
                var input = c.GetArgument<InviteStaffInput>("input");
                var result = await Staff(c, caller.MerchantId)
                    .Invite(input.Email, input.Role.Trim().ToLowerInvariant(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<SignUpMerchantPayloadType>>("acceptInvitation")
            .Description("Creates the invited account with a password and signs it in. Needs no credentials.")
            .Argument<NonNullGraphType<AcceptInvitationInputType>>("input", "The invitation's token and the new password.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AcceptInvitationInput>("input");
                var result = await Accounts(c).AcceptInvitation(input.Token, input.Password);
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<SignUpMerchantPayloadType>>("refreshSession")
            .Description("Spends a refresh token for a new token and a new refresh token. A refresh token works once: "
                + "sending a used one again revokes the whole session. Needs no other credentials.")
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken", "The refreshToken of the last sign-in or refresh.")
            .ResolveAsync(async c =>
            {
                var result = await Accounts(c).Refresh(c.GetArgument<string>("refreshToken"));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<BooleanGraphType>>("signOut")
            .Description("Revokes a session: its refresh token and every token issued from it. Returns false for an unknown refresh token.")
            .Argument<NonNullGraphType<StringGraphType>>("refreshToken", "The refreshToken of the session.")
            .ResolveAsync(async c => await Accounts(c).SignOut(c.GetArgument<string>("refreshToken")));

        mutation.Field<NonNullGraphType<StaffMemberType>>("removeStaff")
            .Description("Removes an admin or a cashier and revokes their tokens at once. Owner only.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The staff member's id, from the staff query.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("removeStaff");
                Guid id = ManagerAccess.ParseId(c.GetArgument<string>("id"), "a staff", "take one from the staff query");
                var result = await Staff(c, caller.MerchantId).RemoveStaff(id, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Staff, result.Error);
            });

        mutation.Field<NonNullGraphType<LongGraphType>>("setCashierPointsLimit")
            .Description("Sets the most points a cashier may send or pull in one sendPoints or pullPoints; 0 forbids both. Owner only.")
            .Argument<NonNullGraphType<LongGraphType>>("points", "The limit in points, 0 or more.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("setCashierPointsLimit");
                var result = await Staff(c, caller.MerchantId)
                    .SetCashierPointsLimit(c.GetArgument<long>("points"), GraphQLUserContext.ActorOf(caller));
                if (result.Error is not null)
                {
                    throw result.Error.ToExecutionError();
                }

                return result.Points;
            });
    }

    /// <summary>
    /// Returns the caller of sendPoints or pullPoints, or throws FORBIDDEN: for a role without the
    /// permission, and for a cashier above the owner's limit, with the limit in the message.
    /// </summary>
    public static async Task<Caller> RequireAdjustPointsAsync(IResolveFieldContext context, string operation, long points)
    {
        var caller = await context.Request().RequireAsync(Permission.AdjustPoints, operation);
        await EnforceCashierLimitAsync(context, caller, operation, points);
        return caller;
    }

    /// <summary>
    /// Throws FORBIDDEN when a cashier moves more points than the owner's limit. Transfers count
    /// too: otherwise a cashier could move any member's points to another member without a cap.
    /// </summary>
    public static async Task EnforceCashierLimitAsync(IResolveFieldContext context, Caller caller, string operation, long points)
    {
        if (caller.Kind != CallerKind.Staff || caller.Role != StaffRoles.Cashier)
        {
            return;
        }

        long limit = await Staff(context, caller.MerchantId).GetCashierPointsLimit();
        if (points > limit)
        {
            throw new ExecutionError(
                $"{operation} of {points} points is above the cashiers' limit of {limit} points: ask the owner or an "
                + "admin to make this change, or the owner to raise the limit with setCashierPointsLimit.")
            { Code = ErrorCodes.Forbidden };
        }
    }

    private static IStaffGrain Staff(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IStaffGrain>(merchantId);

    private static IMerchantAccountsGrain Accounts(IResolveFieldContext context) =>
        context.Request().Grains.GetGrain<IMerchantAccountsGrain>(0);
}
