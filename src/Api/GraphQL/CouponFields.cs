using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Api.GraphQL;

/// <summary>The coupons' queries and mutations.</summary>
public static class CouponFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponCampaignType>>>>("couponCampaigns")
            .Description("The merchant's coupon campaigns, newest first. Staff and API keys may read them.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "couponCampaigns");
                return await MerchantCoupons(c, caller.MerchantId).ListCampaigns();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CouponType>>>>("memberCoupons")
            .Description("A member's coupons, newest first, used ones included.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "The member's phone number in any common form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "memberCoupons");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                return await MerchantCoupons(c, caller.MerchantId).ListMemberCoupons(phone.E164);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CouponCampaignType>>("createCouponCampaign")
            .Description("Creates a coupon campaign; it issues at once. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<CreateCouponCampaignInputType>>("input", a => a.Description = "The campaign's kind, discount, stock, limit and window.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("createCouponCampaign");
                var input = c.GetArgument<CreateCouponCampaignInput>("input");
                var result = await Campaign(c, caller.MerchantId, Guid.NewGuid())
                    .Create(input.ToDefinition(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Campaign, result.Error);
            });

        mutation.Field<NonNullGraphType<CouponCampaignType>>("setCouponCampaignActive")
            .Description("Stops or resumes issuing a campaign's coupons; coupons already issued keep working. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The campaign's id.")
            .Argument<NonNullGraphType<BooleanGraphType>>("active", a => a.Description = "False to stop, true to resume.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setCouponCampaignActive");
                var result = await Campaign(c, caller.MerchantId, ParseId(c.GetArgument<string>("id"), "campaign"))
                    .SetActive(c.GetArgument<bool>("active"), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Campaign, result.Error);
            });

        mutation.Field<NonNullGraphType<IssueCouponsPayloadType>>("issueCoupons")
            .Description("Sends a campaign's coupons to a list of members or to all of them; a member who cannot get one is "
                + "listed with the reason. Idempotent by occasionKey per member. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<IssueCouponsInputType>>("input", a => a.Description = "The campaign, the members and the occasion key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("issueCoupons");
                var input = c.GetArgument<IssueCouponsInput>("input");
                Guid campaignId = ParseId(input.CampaignId, "campaign");
                bool all = input.AllMembers ?? false;
                if (all == (input.Phones is not null))
                {
                    throw new ExecutionError("Send either phones or allMembers: true, not both and not neither.")
                    { Code = ErrorCodes.InvalidInput };
                }

                if (input.Phones is { Count: 0 or > 1000 } phones)
                {
                    throw new ExecutionError($"phones has {phones.Count} entries: send 1 to 1000, or allMembers: true.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var outcomes = await MerchantCoupons(c, caller.MerchantId)
                    .IssueToMany(campaignId, input.Phones, input.OccasionKey, GraphQLUserContext.ActorOf(caller));
                if (outcomes.FirstOrDefault().Result?.Error is { Code: ErrorCodes.NotFound } notFound)
                {
                    throw notFound.ToExecutionError();
                }

                IReadOnlyList<IssueOutcome> result = outcomes.Select(o => new IssueOutcome(o.Phone, o.Result)).ToList();
                return result;
            });

        mutation.Field<NonNullGraphType<IssueCouponPayloadType>>("activateCoupon")
            .Description("Activates a COUNTER campaign's coupon for a member at the counter. Idempotent by occasionKey.")
            .Argument<NonNullGraphType<ActivateCouponInputType>>("input", a => a.Description = "The campaign, the member and the occasion key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "activateCoupon");
                var input = c.GetArgument<ActivateCouponInput>("input");
                var campaign = Campaign(c, caller.MerchantId, ParseId(input.CampaignId, "campaign"));
                var view = await campaign.Get();
                if (view is not null && view.Definition.Kind != CouponKind.Counter)
                {
                    throw new ExecutionError($"Campaign \"{view.Definition.Name}\" is not a COUNTER campaign: staff activate "
                        + "only COUNTER campaigns; the owner sends others with issueCoupons.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var result = await campaign.Issue(new IssueCouponCommand(input.Phone, input.OccasionKey,
                    GraphQLUserContext.ActorOf(caller)));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<ApplyCouponsPayloadType>>("applyCoupons")
            .Description("Uses coupons on a checkout and returns the discounted total, never below 0.00. Single-use coupons "
                + "are marked used; a gift voucher gives what the total needs and keeps the rest. A coupon that would "
                + "take 0.00 is not used and is listed with applied: false. When one coupon fails, none is used. "
                + "Idempotent by idempotencyKey.")
            .Argument<NonNullGraphType<ApplyCouponsInputType>>("input", a => a.Description = "The checkout's amount, the coupon codes, the receipt and the idempotency key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "applyCoupons");
                var input = c.GetArgument<ApplyCouponsInput>("input");
                if (string.IsNullOrWhiteSpace(input.IdempotencyKey) || input.IdempotencyKey.Length > 128)
                {
                    throw new ExecutionError("idempotencyKey must have 1 to 128 characters: send a unique key per checkout.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var lines = input.Lines?.Select(line => new PurchaseLine(line.Sku, line.Quantity, line.Amount)).ToList();
                var command = new ApplyCouponsCommand(input.Phone, input.Amount, input.Codes, input.ReceiptNumber,
                    input.IdempotencyKey, GraphQLUserContext.ActorOf(caller), lines);
                var result = await c.Request().Grains
                    .GetGrain<ICheckoutGrain>(CheckoutKey.For(caller.MerchantId, input.IdempotencyKey)).Apply(command);
                return Errors.OrThrow(result, result.Error);
            });
    }

    internal static Guid ParseId(string? id, string what)
    {
        if (!Guid.TryParse(id, out Guid parsed))
        {
            throw new ExecutionError($"id \"{id}\" is not a {what} id: take one from the {what}s query.")
            { Code = ErrorCodes.InvalidInput };
        }

        return parsed;
    }

    private static IMerchantCouponsGrain MerchantCoupons(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IMerchantCouponsGrain>(merchantId);

    private static ICouponCampaignGrain Campaign(IResolveFieldContext context, Guid merchantId, Guid campaignId) =>
        context.Request().Grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, campaignId));
}
