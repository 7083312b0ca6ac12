using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;

namespace Pointspot.Api.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    private const string DefaultTimeZone = "Asia/Bangkok";

    public MutationType()
    {
        Name = "Mutation";

        Field<NonNullGraphType<SignUpMerchantPayloadType>>("signUpMerchant")
            .Description("Creates a merchant and its owner account; returns the owner's token.")
            .Argument<NonNullGraphType<SignUpMerchantInputType>>("input", "The new merchant and its owner's sign-in.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SignUpMerchantInput>("input");
                var result = await Accounts(c).SignUp(input.Name, input.OwnerEmail, input.Password, input.TimeZone ?? DefaultTimeZone);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<SignUpMerchantPayloadType>>("signIn")
            .Description("Signs in a member of a merchant's staff; returns a short-lived token and a refresh token.")
            .Argument<NonNullGraphType<SignInInputType>>("input", "The staff member's e-mail address and password.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SignInInput>("input");
                var result = await Accounts(c).SignIn(input.Email, input.Password);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<MerchantType>>("setEarnRule")
            .Description("Sets how much spend earns one point. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<SetEarnRuleInputType>>("input", "The spend per point and the minimum spend.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setEarnRule");
                var input = c.GetArgument<SetEarnRuleInput>("input");
                var result = await Merchant(c, caller.MerchantId)
                    .SetEarnRule(input.SpendPerPoint, input.MinimumSpend, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Settings, result.Error);
            });

        Field<NonNullGraphType<MerchantType>>("setExpiryPolicy")
            .Description("Sets when credited points expire. Lots credited before keep their dates. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<SetExpiryPolicyInputType>>("input", "The policy: its kind and the fields that kind uses.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setExpiryPolicy");
                var input = c.GetArgument<SetExpiryPolicyInput>("input");
                RequirePolicyFields(input);
                var policy = new ExpiryPolicy(input.Kind, input.Months ?? 0, input.Month ?? 0, input.Day ?? 0);
                var result = await Merchant(c, caller.MerchantId).SetExpiryPolicy(policy, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Settings, result.Error);
            });

        Field<NonNullGraphType<MerchantType>>("setPointValue")
            .Description("Sets the money value of one point for payWithPoints, or turns paying with points off. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<SetPointValueInputType>>("input", "The new point value, or null.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setPointValue");
                var input = c.GetArgument<SetPointValueInput>("input");
                var result = await Merchant(c, caller.MerchantId).SetPointValue(input.PointValue, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Settings, result.Error);
            });

        Field<NonNullGraphType<CreateApiKeyPayloadType>>("createApiKey")
            .Description("Creates an API key of a scope (pos when omitted); the secret is returned once. Owner only.")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input", "A name for the key, such as the POS device it goes to, and its scope.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("createApiKey");
                var input = c.GetArgument<CreateApiKeyInput>("input");
                var result = await Merchant(c, caller.MerchantId)
                    .CreateApiKey(input.Name, input.Scope ?? ApiKeyScopes.Pos, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<ApiKeyType>>("revokeApiKey")
            .Description("Revokes an API key at once, on every silo. Owner only.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The id of the key, from the apiKeys query.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("revokeApiKey");
                string id = c.GetArgument<string>("id");
                if (!Guid.TryParse(id, out Guid apiKeyId))
                {
                    throw new ExecutionError($"id \"{id}\" is not an API key id: take one from the apiKeys query.") { Code = ErrorCodes.InvalidInput };
                }

                var result = await Merchant(c, caller.MerchantId).RevokeApiKey(apiKeyId, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.ApiKey, result.Error);
            });

        Field<NonNullGraphType<PointsChangePayloadType>>("collectPoints")
            .Description("Awards points for a purchase. Idempotent by idempotencyKey; one award per receipt number.")
            .Argument<NonNullGraphType<CollectPointsInputType>>("input", "The purchase.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "collectPoints");
                var input = c.GetArgument<CollectPointsInput>("input");
                var member = Member(c, caller.MerchantId, input.Phone);
                var lines = input.Lines?.Select(line => new PurchaseLine(line.Sku, line.Quantity, line.Amount)).ToList();
                var command = new CollectPointsCommand(input.Amount, input.ReceiptNumber, input.IdempotencyKey,
                    input.OccurredAt, GraphQLUserContext.ActorOf(caller), lines);
                var result = await member.CollectPoints(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<PointsChangePayloadType>>("sendPoints")
            .Description("Adds points by hand, with a reason. Staff or an API key of scope admin; a cashier up to the owner's cashierPointsLimit.")
            .Argument<NonNullGraphType<AdjustPointsInputType>>("input", "The member, the points and the reason.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AdjustPointsInput>("input");
                var caller = await StaffFields.RequireAdjustPointsAsync(c, "sendPoints", input.Points);
                var member = Member(c, caller.MerchantId, input.Phone);
                var command = new AdjustPointsCommand(input.Points, input.Reason, input.IdempotencyKey, GraphQLUserContext.ActorOf(caller));
                var result = await member.SendPoints(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<PointsChangePayloadType>>("pullPoints")
            .Description("Removes points by hand, with a reason; never below zero. Staff or an API key of scope admin; a cashier up to the owner's cashierPointsLimit.")
            .Argument<NonNullGraphType<AdjustPointsInputType>>("input", "The member, the points and the reason.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AdjustPointsInput>("input");
                var caller = await StaffFields.RequireAdjustPointsAsync(c, "pullPoints", input.Points);
                var member = Member(c, caller.MerchantId, input.Phone);
                var command = new AdjustPointsCommand(input.Points, input.Reason, input.IdempotencyKey, GraphQLUserContext.ActorOf(caller));
                var result = await member.PullPoints(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<PointsChangePayloadType>>("payWithPoints")
            .Description("Pays part or all of a purchase with the member's points (a PAY entry). Idempotent by idempotencyKey; a receipt is paid once. "
                + "The part paid with points earns nothing: report only the part paid in money to collectPoints.")
            .Argument<NonNullGraphType<PayWithPointsInputType>>("input", "The member, the points or the amount they pay, the receipt and the idempotency key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "payWithPoints");
                var input = c.GetArgument<PayWithPointsInput>("input");
                var member = Member(c, caller.MerchantId, input.Phone);
                var command = new PayWithPointsCommand(input.Points, input.Amount, input.ReceiptNumber, input.IdempotencyKey,
                    GraphQLUserContext.ActorOf(caller));
                var result = await member.PayWithPoints(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<PointsChangePayloadType>>("refundPurchase")
            .Description("Takes back the points a receipt earned, in proportion to the refunded amount (a REFUND entry). "
                + "Partial refunds add up; together they may not pass the purchase amount. Idempotent by idempotencyKey.")
            .Argument<NonNullGraphType<RefundPurchaseInputType>>("input", "The receipt, the amount refunded now and the idempotency key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "refundPurchase");
                var input = c.GetArgument<RefundPurchaseInput>("input");
                var command = new RefundPurchaseCommand(input.ReceiptNumber, input.Amount, input.IdempotencyKey,
                    GraphQLUserContext.ActorOf(caller));
                var result = await Receipts(c, caller.MerchantId).RefundPurchase(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<VoidPurchasePayloadType>>("voidPurchase")
            .Description("Cancels a sale: the points it paid go back to their original lots with their original expiry, "
                + "and the points it earned (less what refunds took) are taken back. Idempotent by idempotencyKey.")
            .Argument<NonNullGraphType<VoidPurchaseInputType>>("input", "The receipt and the idempotency key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "voidPurchase");
                var input = c.GetArgument<VoidPurchaseInput>("input");
                var command = new VoidPurchaseCommand(input.ReceiptNumber, input.IdempotencyKey, GraphQLUserContext.ActorOf(caller));
                var result = await Receipts(c, caller.MerchantId).VoidPurchase(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<TransferPayloadType>>("transferPoints")
            .Description("Moves points from one member of the merchant to another, exactly once: a TRANSFER_OUT and a TRANSFER_IN entry. "
                + "Idempotent by idempotencyKey; a transfer cut short by a crash is finished by the server.")
            .Argument<NonNullGraphType<TransferPointsInputType>>("input", "The two members, the points and the idempotency key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "transferPoints");
                var input = c.GetArgument<TransferPointsInput>("input");
                await StaffFields.EnforceCashierLimitAsync(c, caller, "transferPoints", input.Points);
                var from = QueryType.ParsePhone(input.FromPhone);
                var to = QueryType.ParsePhone(input.ToPhone);
                if (string.IsNullOrWhiteSpace(input.IdempotencyKey) || input.IdempotencyKey.Length > 124)
                {
                    throw new ExecutionError("idempotencyKey must have 1 to 124 characters: send a shorter key.") { Code = ErrorCodes.InvalidInput };
                }

                var command = new TransferCommand(from.E164, to.E164, input.Points, GraphQLUserContext.ActorOf(caller));
                var result = await c.Request().Grains.GetGrain<ITransferGrain>(TransferKey.For(caller.MerchantId, input.IdempotencyKey))
                    .Transfer(command);
                return Errors.OrThrow(result, result.Error);
            });

        Field<NonNullGraphType<MemberType>>("registerMember")
            .Description("Signs a member up with a name, birth date, gender and marketing consent.")
            .Argument<NonNullGraphType<RegisterMemberInputType>>("input", "The member's phone number and profile.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "registerMember");
                var input = c.GetArgument<RegisterMemberInput>("input");
                var member = Member(c, caller.MerchantId, input.Phone);
                var profile = new MemberProfile(input.Name, input.BirthDate, input.Gender ?? Gender.Unspecified,
                    input.MarketingConsent ?? false);
                var result = await member.Register(profile);
                return Errors.OrThrow(result.Member, result.Error);
            });

        CatalogFields.AddMutations(this);
        ClaimFields.AddMutations(this);
        StaffFields.AddMutations(this);
        MemberCardFields.AddMutations(this);
        AutomationFields.AddMutations(this);
        WheelFields.AddMutations(this);
        CouponFields.AddMutations(this);
        RewardFields.AddMutations(this);
        WebhookFields.AddMutations(this);
        PrivacyFields.AddMutations(this);
    }

    /// <summary>Throws INVALID_EXPIRY_POLICY when the kind's own fields are missing, naming them.</summary>
    private static void RequirePolicyFields(SetExpiryPolicyInput input)
    {
        string? missing = input.Kind switch
        {
            ExpiryPolicyKind.Rolling when input.Months is null => "ROLLING needs months (1 to 120)",
            ExpiryPolicyKind.FixedDate when input.Month is null || input.Day is null => "FIXED_DATE needs month (1 to 12) and day",
            _ => null,
        };
        if (missing is not null)
        {
            throw new ExecutionError(
                $"Expiry policy {missing}: send them in the input.")
            { Code = ErrorCodes.InvalidExpiryPolicy };
        }
    }

    private static IMerchantAccountsGrain Accounts(IResolveFieldContext context) =>
        context.Request().Grains.GetGrain<IMerchantAccountsGrain>(0);

    private static IMerchantGrain Merchant(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IMerchantGrain>(merchantId);

    private static IReceiptGrain Receipts(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IReceiptGrain>(merchantId);

    private static IMemberGrain Member(IResolveFieldContext context, Guid merchantId, string phone) =>
        context.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(merchantId, QueryType.ParsePhone(phone)));
}
