using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Wheel;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Wheel;

/// <summary>Checks a wheel game as the merchant defines it.</summary>
public static class WheelRules
{
    public const int MaxPrizes = 24;
    public const int MaxNameLength = 100;
    public const int MaxDailySpinLimit = 1000;
    public const int MaxWeight = 1_000_000;
    public const long MaxPrizePoints = PointsRules.MaxPointsPerEntry;

    public static PointspotError? Check(WheelGameInput input, IReadOnlyDictionary<WheelPrizeKind, IWheelPrizeHandler> handlers)
    {
        string name = input.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return Invalid($"Game name \"{input.Name}\" is empty or too long: give 1 to {MaxNameLength} characters.");
        }

        if (input.SpinCost < 0 || input.SpinCost > PointsRules.MaxPointsPerEntry)
        {
            return Invalid($"Spin cost {input.SpinCost} is out of range: give 0 to {PointsRules.MaxPointsPerEntry} points.");
        }

        if (input.DailySpinLimit is < 1 or > MaxDailySpinLimit)
        {
            return Invalid($"Daily spin limit {input.DailySpinLimit} is out of range: give 1 to {MaxDailySpinLimit} spins per member per day.");
        }

        if (input.Prizes.Count is 0 or > MaxPrizes)
        {
            return Invalid($"The game has {input.Prizes.Count} prizes: give 1 to {MaxPrizes}.");
        }

        foreach (var prize in input.Prizes)
        {
            if (CheckPrize(prize, handlers) is { } invalid)
            {
                return invalid;
            }
        }

        return null;
    }

    private static PointspotError? CheckPrize(WheelPrizeInput prize, IReadOnlyDictionary<WheelPrizeKind, IWheelPrizeHandler> handlers)
    {
        string label = prize.Label.Trim();
        if (label.Length is 0 or > MaxNameLength)
        {
            return Invalid($"Prize label \"{prize.Label}\" is empty or too long: give 1 to {MaxNameLength} characters.");
        }

        if (!handlers.TryGetValue(prize.Kind, out var handler))
        {
            return Invalid($"Prize \"{label}\" has kind {prize.Kind}, which the wheel cannot give: use POINTS, NOTHING, COUPON or REWARD.");
        }

        if (prize.CampaignId is not null && prize.Kind != WheelPrizeKind.Coupon)
        {
            return Invalid($"Prize \"{label}\" is {prize.Kind} but names campaign {prize.CampaignId}: leave campaignId out, or use kind COUPON.");
        }

        if (prize.RewardId is not null && prize.Kind != WheelPrizeKind.Reward)
        {
            return Invalid($"Prize \"{label}\" is {prize.Kind} but names reward {prize.RewardId}: leave rewardId out, or use kind REWARD.");
        }

        if (prize.Weight is < 1 or > MaxWeight)
        {
            return Invalid($"Prize \"{label}\" has weight {prize.Weight}: give 1 to {MaxWeight}.");
        }

        if (prize.Stock is < 0)
        {
            return Invalid($"Prize \"{label}\" has stock {prize.Stock}: give 0 or more, or no stock for no limit.");
        }

        return handler.Check(prize);
    }

    private static PointspotError Invalid(string message) => new(ErrorCodes.InvalidWheelGame, message);
}
