using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Api.GraphQL.Types;

public sealed class WheelPrizeKindType : EnumerationGraphType
{
    public WheelPrizeKindType()
    {
        Name = "WheelPrizeKind";
        Description = "What a wheel prize gives.";
        Add("POINTS", WheelPrizeKind.Points, "Credits `points` as a WHEEL_PRIZE ledger entry.");
        Add("NOTHING", WheelPrizeKind.Nothing, "A losing slot.");
        Add("COUPON", WheelPrizeKind.Coupon, "Issues a coupon of the campaign `campaignId`, with the occasion key wheel-spin:<spin id>.");
        Add("REWARD", WheelPrizeKind.Reward, "Gives the GIVEAWAY reward `rewardId`, with the occasion key wheel-spin:<spin id>.");
    }
}

public sealed class WheelPrizeType : ObjectGraphType<WheelPrizeView>
{
    public WheelPrizeType()
    {
        Name = "WheelPrize";
        Description = "One slot of a wheel game.";
        Field<NonNullGraphType<IntGraphType>>("id").Description("The prize's number in its game, from 1.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("label").Description("What the wheel shows.").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<WheelPrizeKindType>>("kind").Description("What the prize gives.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<LongGraphType>>("points").Description("POINTS: the points credited; 0 otherwise.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<IntGraphType>>("weight").Description("The prize comes up with probability weight / (sum of the weights of the prizes in stock).").Resolve(c => c.Source.Weight);
        Field<IntGraphType>("stock").Description("How many times the prize can be won in all; null for no limit.").Resolve(c => c.Source.Stock);
        Field<NonNullGraphType<IntGraphType>>("won").Description("How many times the prize has been won.").Resolve(c => c.Source.Won);
        Field<IdGraphType>("campaignId").Description("COUPON: the coupon campaign it issues from; null otherwise.").Resolve(c => c.Source.CampaignId?.ToString());
        Field<IdGraphType>("rewardId").Description("REWARD: the GIVEAWAY reward it gives; null otherwise.").Resolve(c => c.Source.RewardId?.ToString());
    }
}

public sealed class WheelGameType : ObjectGraphType<WheelGameView>
{
    public WheelGameType()
    {
        Name = "WheelGame";
        Description = "A wheel game: members spend points to spin for a prize.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The game's id, for spinWheel.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The game's name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<LongGraphType>>("spinCost").Description("Points one spin costs (a WHEEL_SPIN ledger entry); 0 for free spins.").Resolve(c => c.Source.SpinCost);
        Field<NonNullGraphType<IntGraphType>>("dailySpinLimit").Description("Spins per member per day in the merchant's time zone.").Resolve(c => c.Source.DailySpinLimit);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("A stopped game takes no spins.").Resolve(c => c.Source.Active);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WheelPrizeType>>>>("prizes").Description("The prizes in the order they were given.").Resolve(c => c.Source.Prizes);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the game was created.").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class WheelSpinType : ObjectGraphType<WheelSpinView>
{
    public WheelSpinType()
    {
        Name = "WheelSpin";
        Description = "One recorded spin and its outcome.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The spin's id; its ledger entries have the idempotency keys wheel-spin:<id> and wheel-prize:<id>.").Resolve(c => c.Source.Id.ToString("N"));
        Field<NonNullGraphType<IdGraphType>>("gameId").Description("The game spun.").Resolve(c => c.Source.GameId.ToString());
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member, in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<WheelPrizeType>>("prize").Description("The prize drawn.").Resolve(c => c.Source.Prize);
        Field<NonNullGraphType<LongGraphType>>("spinCost").Description("The points the spin cost.").Resolve(c => c.Source.SpinCost);
        Field<NonNullGraphType<DateOnlyGraphType>>("localDay").Description("The merchant's local day the spin counts toward.").Resolve(c => c.Source.LocalDay);
        Field<NonNullGraphType<IntGraphType>>("daySpinNumber").Description("The member's spin number on that day, from 1.").Resolve(c => c.Source.DaySpinNumber);
        Field<NonNullGraphType<DateTimeScalar>>("spunAt").Description("When the spin was recorded.").Resolve(c => c.Source.SpunAt);
    }
}

public sealed class WheelSpinPayloadType : ObjectGraphType<WheelSpinResult>
{
    public WheelSpinPayloadType()
    {
        Name = "WheelSpinPayload";
        Description = "The spin and the member after it.";
        Field<NonNullGraphType<WheelSpinType>>("spin").Description("The recorded spin.").Resolve(c => c.Source.Spin);
        Field<MemberType>("member").Description("The member after the spin's cost and prize.").Resolve(c => c.Source.Member);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when the idempotency key was used before and the first spin is returned.").Resolve(c => c.Source.Replayed);
    }
}

public sealed class WheelPrizeInputModel
{
    public string Label { get; set; } = "";
    public WheelPrizeKind Kind { get; set; }
    public long? Points { get; set; }
    public int Weight { get; set; }
    public int? Stock { get; set; }
    public string? CampaignId { get; set; }
    public string? RewardId { get; set; }

    public WheelPrizeInput ToPrize() => new(Label, Kind, Points ?? 0, Weight, Stock,
        CampaignId is null ? null : AutomationFields.ParseId(CampaignId, "couponCampaigns"),
        RewardId is null ? null : AutomationFields.ParseId(RewardId, "rewards"));
}

public sealed class WheelPrizeInputType : InputObjectGraphType<WheelPrizeInputModel>
{
    public WheelPrizeInputType()
    {
        Name = "WheelPrizeInput";
        Description = "One slot of a new wheel game.";
        Field(x => x.Label, type: typeof(NonNullGraphType<StringGraphType>)).Description("What the wheel shows, 1 to 100 characters.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<WheelPrizeKindType>)).Description("What the prize gives.");
        Field(x => x.Points, type: typeof(LongGraphType)).Description("POINTS: 1 or more; other kinds: 0 or omitted.");
        Field(x => x.Weight, type: typeof(NonNullGraphType<IntGraphType>)).Description("1 to 1,000,000; the prize's share of the draw among the prizes in stock.");
        Field(x => x.Stock, type: typeof(IntGraphType)).Description("How many times the prize can be won in all, 0 or more; no limit when omitted.");
        Field(x => x.CampaignId, type: typeof(IdGraphType)).Description("COUPON: the id of the merchant's coupon campaign to issue from; omitted for other kinds.");
        Field(x => x.RewardId, type: typeof(IdGraphType)).Description("REWARD: the id of the merchant's GIVEAWAY reward to give; omitted for other kinds.");
    }
}

public sealed class CreateWheelGameInput
{
    public string Name { get; set; } = "";
    public long SpinCost { get; set; }
    public int DailySpinLimit { get; set; }
    public List<WheelPrizeInputModel> Prizes { get; set; } = [];

    public WheelGameInput ToGame() => new(Name, SpinCost, DailySpinLimit, Prizes.Select(p => p.ToPrize()).ToList());
}

public sealed class CreateWheelGameInputType : InputObjectGraphType<CreateWheelGameInput>
{
    public CreateWheelGameInputType()
    {
        Name = "CreateWheelGameInput";
        Description = "A new wheel game. Its prizes cannot be changed later: stop the game and create another.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("1 to 100 characters.");
        Field(x => x.SpinCost, type: typeof(NonNullGraphType<LongGraphType>)).Description("Points one spin costs, 0 or more.");
        Field(x => x.DailySpinLimit, type: typeof(NonNullGraphType<IntGraphType>)).Description("Spins per member per local day, 1 to 1,000.");
        Field(x => x.Prizes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<WheelPrizeInputType>>>)).Description("1 to 24 prizes.");
    }
}

public sealed class SetWheelGameActiveInputType : InputObjectGraphType<SetActiveInput>
{
    public SetWheelGameActiveInputType()
    {
        Name = "SetWheelGameActiveInput";
        Description = "Starts or stops a wheel game.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The game's id.");
        Field(x => x.Active, type: typeof(NonNullGraphType<BooleanGraphType>)).Description("True to take spins, false to stop.");
    }
}

public sealed class SpinWheelInput
{
    public string GameId { get; set; } = "";
    public string Phone { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}

public sealed class SpinWheelInputType : InputObjectGraphType<SpinWheelInput>
{
    public SpinWheelInputType()
    {
        Name = "SpinWheelInput";
        Description = "One spin for a member.";
        Field(x => x.GameId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The game to spin.");
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number in any common form.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("A key unique to this spin request, at most 128 characters; a retry with the same key returns the first spin.");
    }
}
