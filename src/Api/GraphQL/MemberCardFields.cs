using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Members;

namespace Pointspot.Api.GraphQL;

/// <summary>The member card's queries and mutations.</summary>
public static class MemberCardFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<MemberCardProgramType>>("memberCardProgram")
            .Description("The merchant's member card program.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "memberCardProgram");
                return await Cards(c, caller.MerchantId).GetProgram();
            });

        query.Field<MemberCardType>("memberCard")
            .Description("The card of the member with this phone number, or null when the number has never been seen.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "A Thai mobile number in any common form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "memberCard");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                return await c.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(caller.MerchantId, phone)).GetMemberCard();
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<MemberCardProgramType>>("setMemberCardProgram")
            .Description("Replaces the member card program. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<SetMemberCardProgramInputType>>("input", "The basis and the tiers.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setMemberCardProgram");
                var input = c.GetArgument<SetMemberCardProgramInput>("input");
                var program = new CardProgram(input.Basis, input.Tiers.Select(tier => tier.ToTier()).ToList(),
                    input.YearlyReevaluation ?? false, input.DowngradeWarningDays ?? 30);
                var result = await Cards(c, caller.MerchantId).SetProgram(program, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Program, result.Error);
            });
    }

    private static IMemberCardsGrain Cards(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IMemberCardsGrain>(merchantId);
}
