using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Api.GraphQL;

/// <summary>The rewards' queries and mutations.</summary>
public static class RewardFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RewardType>>>>("rewards")
            .Description("The merchant's rewards, newest first. Staff and API keys may read them.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "rewards");
                return await MerchantRewards(c, caller.MerchantId).ListRewards();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<RedemptionType>>>>("memberRewards")
            .Description("The rewards a member redeemed or was given, newest first.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "The member's phone number in any common form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "memberRewards");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                return await MerchantRewards(c, caller.MerchantId).ListMemberRedemptions(phone.E164);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RewardType>>("createReward")
            .Description("Creates a reward. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<CreateRewardInputType>>("input", a => a.Description = "The reward's kind, cost, stock, limit and window.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("createReward");
                var input = c.GetArgument<CreateRewardInput>("input");
                var result = await Reward(c, caller.MerchantId, Guid.NewGuid())
                    .Create(input.ToDefinition(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Reward, result.Error);
            });

        mutation.Field<NonNullGraphType<RewardType>>("setRewardActive")
            .Description("Stops or resumes a reward. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<IdGraphType>>("id", a => a.Description = "The reward's id.")
            .Argument<NonNullGraphType<BooleanGraphType>>("active", a => a.Description = "False to stop, true to resume.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setRewardActive");
                var result = await Reward(c, caller.MerchantId, CouponFields.ParseId(c.GetArgument<string>("id"), "reward"))
                    .SetActive(c.GetArgument<bool>("active"), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Reward, result.Error);
            });

        mutation.Field<NonNullGraphType<RewardCodePayloadType>>("requestRewardRedemption")
            .Description("Starts redeeming a reward: returns a 6-digit code, valid 5 minutes, that the member shows at the "
                + "counter. Nothing is spent yet; a new request replaces the member's earlier code for the reward.")
            .Argument<NonNullGraphType<RequestRewardRedemptionInputType>>("input", a => a.Description = "The reward and the member.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "requestRewardRedemption");
                var input = c.GetArgument<RewardMemberInput>("input");
                var result = await Reward(c, caller.MerchantId, CouponFields.ParseId(input.RewardId, "reward"))
                    .RequestCode(input.Phone, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<RedemptionPayloadType>>("confirmRewardRedemption")
            .Description("Staff confirm a redemption with the member's code: the reward's points are spent (a REDEEM ledger "
                + "entry) and its stock taken. Confirming the same code again returns the first result.")
            .Argument<NonNullGraphType<ConfirmRewardRedemptionInputType>>("input", a => a.Description = "The reward, the member and the code.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "confirmRewardRedemption");
                var input = c.GetArgument<ConfirmRewardRedemptionInput>("input");
                var result = await Reward(c, caller.MerchantId, CouponFields.ParseId(input.RewardId, "reward"))
                    .Confirm(input.Phone, input.Code, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<RedemptionPayloadType>>("giveReward")
            .Description("Gives a reward to a member without spending points. Idempotent by occasionKey. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<GiveRewardInputType>>("input", a => a.Description = "The reward, the member and the occasion key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("giveReward");
                var input = c.GetArgument<GiveRewardInput>("input");
                var command = new GiveRewardCommand(input.Phone, input.OccasionKey, GraphQLUserContext.ActorOf(caller));
                var result = await Reward(c, caller.MerchantId, CouponFields.ParseId(input.RewardId, "reward")).Give(command);
                return Errors.OrThrow(result, result.Error);
            });
    }

    private static IMerchantRewardsGrain MerchantRewards(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IMerchantRewardsGrain>(merchantId);

    private static IRewardGrain Reward(IResolveFieldContext context, Guid merchantId, Guid rewardId) =>
        context.Request().Grains.GetGrain<IRewardGrain>(RewardKey.For(merchantId, rewardId));
}
