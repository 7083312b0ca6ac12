using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Api.GraphQL.Types;

public sealed class RewardKindType : EnumerationGraphType
{
    public RewardKindType()
    {
        Name = "RewardKind";
        Description = "How a member gets a reward.";
        Add("REDEEMABLE", RewardKind.Redeemable, "Bought with points at the counter: a code from requestRewardRedemption, confirmed by staff.");
        Add("GIVEAWAY", RewardKind.Giveaway, "Free; the merchant gives it with giveReward.");
    }
}

public sealed class RedemptionStatusType : EnumerationGraphType
{
    public RedemptionStatusType()
    {
        Name = "RedemptionStatus";
        Description = "Where a redemption stands.";
        Add("PENDING", RedemptionStatus.Pending, "A code was shown and waits for staff.");
        Add("CONFIRMING", RedemptionStatus.Confirming, "Stock is taken and the points are being spent; confirming again finishes it.");
        Add("CONFIRMED", RedemptionStatus.Confirmed, "Staff confirmed; entryId names the REDEEM ledger entry.");
        Add("GIVEN", RedemptionStatus.Given, "A reward given by the merchant.");
        Add("CANCELLED", RedemptionStatus.Cancelled, "The code expired, was replaced or typed wrong too often, or the points were short.");
    }
}

public sealed class RewardType : ObjectGraphType<RewardView>
{
    public RewardType()
    {
        Name = "Reward";
        Description = "A reward that members redeem with points or that the merchant gives.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The reward's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name members see.").Resolve(c => c.Source.Definition.Name);
        Field<StringGraphType>("description").Description("A longer text; null when none.").Resolve(c => c.Source.Definition.Description);
        Field<NonNullGraphType<RewardKindType>>("kind").Description("How a member gets it.").Resolve(c => c.Source.Definition.Kind);
        Field<NonNullGraphType<LongGraphType>>("pointsCost").Description("Points it costs; 0 for a giveaway.").Resolve(c => c.Source.Definition.PointsCost);
        Field<IntGraphType>("stock").Description("How many can be redeemed or given in all; null without limit.").Resolve(c => c.Source.Definition.Stock);
        Field<NonNullGraphType<IntGraphType>>("perMemberLimit").Description("How many one member may get.").Resolve(c => c.Source.Definition.PerMemberLimit);
        Field<NonNullGraphType<IntGraphType>>("grantedCount").Description("How many were redeemed or given so far.").Resolve(c => c.Source.GrantedCount);
        Field<NonNullGraphType<DateOnlyGraphType>>("validFrom").Description("The first day it can be redeemed, in the merchant's time zone.").Resolve(c => c.Source.Definition.ValidFrom);
        Field<NonNullGraphType<DateOnlyGraphType>>("validThrough").Description("The last day it can be redeemed, to the end of the day in the merchant's time zone.").Resolve(c => c.Source.Definition.ValidThrough);
        Field<StringGraphType>("imageUrl").Description("The address of the reward's image; null when none.").Resolve(c => c.Source.Definition.ImageUrl);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("False when stopped: it can be neither redeemed nor given.").Resolve(c => c.Source.Active);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the reward was created.").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class RedemptionType : ObjectGraphType<RedemptionView>
{
    public RedemptionType()
    {
        Name = "RewardRedemption";
        Description = "A member's redemption of a reward, or a reward given to them.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The redemption's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<IdGraphType>>("rewardId").Description("The reward.").Resolve(c => c.Source.RewardId.ToString());
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member's phone number in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<RedemptionStatusType>>("status").Description("Where the redemption stands.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<LongGraphType>>("points").Description("The points it spends or spent; 0 for a gift.").Resolve(c => c.Source.Points);
        Field<DateTimeScalar>("codeExpiresAt").Description("When the counter code stops working; null for a gift.").Resolve(c => c.Source.CodeExpiresAt);
        Field<IdGraphType>("entryId").Description("The id of the REDEEM ledger entry once confirmed; null otherwise.").Resolve(c => c.Source.EntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the code was requested or the gift made.").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class RewardCodePayloadType : ObjectGraphType<RedemptionCodeResult>
{
    public RewardCodePayloadType()
    {
        Name = "RewardCodePayload";
        Description = "A counter code for redeeming a reward.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("6 digits that the member shows to staff; returned only here.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<RedemptionType>>("redemption").Description("The pending redemption, with codeExpiresAt.").Resolve(c => c.Source.Redemption);
    }
}

public sealed class RedemptionPayloadType : ObjectGraphType<RedemptionResult>
{
    public RedemptionPayloadType()
    {
        Name = "RewardRedemptionPayload";
        Description = "A confirmed redemption or a gift.";
        Field<NonNullGraphType<RedemptionType>>("redemption").Description("The redemption after the change.").Resolve(c => c.Source.Redemption);
        Field<PointsChangePayloadType>("points").Description("The REDEEM ledger entry and the member's balance after it; null for a gift or a replay.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when this was done before (same code or occasion) and nothing changed.").Resolve(c => c.Source.Replayed);
    }
}

public sealed class CreateRewardInput
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public RewardKind Kind { get; set; }
    public long? PointsCost { get; set; }
    public int? Stock { get; set; }
    public int? PerMemberLimit { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidThrough { get; set; }
    public string? ImageUrl { get; set; }

    public RewardDefinition ToDefinition() => new(Name, Description, Kind, PointsCost ?? 0, Stock, PerMemberLimit ?? 1,
        ValidFrom, ValidThrough, ImageUrl);
}

public sealed class CreateRewardInputType : InputObjectGraphType<CreateRewardInput>
{
    public CreateRewardInputType()
    {
        Name = "CreateRewardInput";
        Description = "A new reward.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("The name members see, at most 200 characters.");
        Field(x => x.Description, type: typeof(StringGraphType)).Description("A longer text, at most 2000 characters.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<RewardKindType>)).Description("REDEEMABLE for points, or GIVEAWAY.");
        Field(x => x.PointsCost, type: typeof(LongGraphType)).Description("REDEEMABLE: 1 or more points; GIVEAWAY: 0 or left out.");
        Field(x => x.Stock, type: typeof(IntGraphType)).Description("How many in all, 0 to 10,000,000; no limit when omitted.");
        Field(x => x.PerMemberLimit, type: typeof(IntGraphType)).Description("How many one member may get, 1 to 1000; 1 when omitted.");
        Field(x => x.ValidFrom, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The first day (YYYY-MM-DD, merchant's time zone).");
        Field(x => x.ValidThrough, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The last day, to its end in the merchant's time zone.");
        Field(x => x.ImageUrl, type: typeof(StringGraphType)).Description("An absolute http or https address of the reward's image.");
    }
}

public sealed class RewardMemberInput
{
    public string RewardId { get; set; } = "";
    public string Phone { get; set; } = "";
}

public sealed class RequestRewardRedemptionInputType : InputObjectGraphType<RewardMemberInput>
{
    public RequestRewardRedemptionInputType()
    {
        Name = "RequestRewardRedemptionInput";
        Description = "The reward a member asks for.";
        Field(x => x.RewardId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The reward's id.");
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number.");
    }
}

public sealed class ConfirmRewardRedemptionInput
{
    public string RewardId { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Code { get; set; } = "";
}

public sealed class ConfirmRewardRedemptionInputType : InputObjectGraphType<ConfirmRewardRedemptionInput>
{
    public ConfirmRewardRedemptionInputType()
    {
        Name = "ConfirmRewardRedemptionInput";
        Description = "The code a member shows at the counter.";
        Field(x => x.RewardId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The reward's id.");
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number.");
        Field(x => x.Code, type: typeof(NonNullGraphType<StringGraphType>)).Description("The 6-digit code from requestRewardRedemption.");
    }
}

public sealed class GiveRewardInput
{
    public string RewardId { get; set; } = "";
    public string Phone { get; set; } = "";
    public string OccasionKey { get; set; } = "";
}

public sealed class GiveRewardInputType : InputObjectGraphType<GiveRewardInput>
{
    public GiveRewardInputType()
    {
        Name = "GiveRewardInput";
        Description = "A reward to give to a member.";
        Field(x => x.RewardId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The reward's id.");
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number.");
        Field(x => x.OccasionKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Makes the gift idempotent: the same key gives once.");
    }
}
