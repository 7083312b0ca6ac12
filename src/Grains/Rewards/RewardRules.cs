using System.Globalization;
using Pointspot.Grains.Coupons;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Rewards;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Rewards;

/// <summary>Checks of reward fields.</summary>
public static class RewardRules
{
    public const int MaxDescriptionLength = 2000;

    public static RewardDefinition Normalize(RewardDefinition fields) => fields with
    {
        Name = fields.Name?.Trim() ?? "",
        Description = CampaignRules.Blank(fields.Description),
        ImageUrl = CampaignRules.Blank(fields.ImageUrl),
    };

    public static PointspotError? Check(RewardDefinition fields)
    {
        return Invalid(PointsRules.CheckText("name", fields.Name, CampaignRules.MaxNameLength))
            ?? Invalid(CampaignRules.CheckOptionalText("description", fields.Description, MaxDescriptionLength))
            ?? CheckCost(fields)
            ?? CampaignRules.CheckCounts(fields.Stock, fields.PerMemberLimit, ErrorCodes.InvalidReward)
            ?? CampaignRules.CheckWindow(fields.ValidFrom, fields.ValidThrough, ErrorCodes.InvalidReward)
            ?? CampaignRules.CheckImageUrl(fields.ImageUrl, ErrorCodes.InvalidReward);
    }

    private static PointspotError? CheckCost(RewardDefinition fields)
    {
        if (fields.Kind == RewardKind.Giveaway && fields.PointsCost != 0)
        {
            return new PointspotError(ErrorCodes.InvalidReward,
                $"pointsCost {fields.PointsCost} is set on a GIVEAWAY reward, which is free: send 0, "
                + "or make the reward REDEEMABLE.");
        }

        if (fields.Kind == RewardKind.Redeemable && fields.PointsCost is < 1 or > PointsRules.MaxAdjustPoints)
        {
            return new PointspotError(ErrorCodes.InvalidReward,
                $"pointsCost {fields.PointsCost} is out of range: a REDEEMABLE reward costs 1 to "
                + $"{PointsRules.MaxAdjustPoints.ToString("N0", CultureInfo.InvariantCulture)} points.");
        }

        return null;
    }

    private static PointspotError? Invalid(PointspotError? error) =>
        error is null ? null : error with { Code = ErrorCodes.InvalidReward };
}
