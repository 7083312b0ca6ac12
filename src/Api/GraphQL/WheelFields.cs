using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Api.GraphQL;

/// <summary>The wheel game's queries and mutations.</summary>
public static class WheelFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WheelGameType>>>>("wheelGames")
            .Description("The merchant's wheel games, oldest first.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "wheelGames");
                return await c.Request().Grains.GetGrain<IWheelGamesGrain>(caller.MerchantId).ListGames();
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<WheelGameType>>("createWheelGame")
            .Description("Creates a wheel game with its prizes. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<CreateWheelGameInputType>>("input", "The game's name, cost, daily limit and prizes.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("createWheelGame");
                var input = c.GetArgument<CreateWheelGameInput>("input");
                var result = await c.Request().Grains.GetGrain<IWheelGameGrain>(Guid.NewGuid())
                    .Create(caller.MerchantId, input.ToGame(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Game, result.Error);
            });

        mutation.Field<NonNullGraphType<WheelGameType>>("setWheelGameActive")
            .Description("Starts or stops a wheel game. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<SetWheelGameActiveInputType>>("input", "The game's id and whether it takes spins.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setWheelGameActive");
                var input = c.GetArgument<SetActiveInput>("input");
                var result = await Game(c, AutomationFields.ParseId(input.Id, "wheelGames"))
                    .SetActive(caller.MerchantId, input.Active, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Game, result.Error);
            });

        mutation.Field<NonNullGraphType<WheelSpinPayloadType>>("spinWheel")
            .Description("Spends the spin cost and draws a prize for a member. Errors: LIMIT_REACHED (daily limit), "
                + "INSUFFICIENT_POINTS, OUT_OF_STOCK, WHEEL_GAME_INACTIVE. Idempotent by idempotencyKey.")
            .Argument<NonNullGraphType<SpinWheelInputType>>("input", "The game, the member and the request's key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "spinWheel");
                var input = c.GetArgument<SpinWheelInput>("input");
                var phone = QueryType.ParsePhone(input.Phone);
                var command = new SpinWheelCommand(phone.E164, input.IdempotencyKey, GraphQLUserContext.ActorOf(caller));
                var result = await Game(c, AutomationFields.ParseId(input.GameId, "wheelGames")).Spin(caller.MerchantId, command);
                return Errors.OrThrow(result, result.Error);
            });
    }

    private static IWheelGameGrain Game(IResolveFieldContext context, Guid gameId) =>
        context.Request().Grains.GetGrain<IWheelGameGrain>(gameId);
}
