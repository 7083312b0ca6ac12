using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Rewards;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Grains.Wheel;

/// <summary>
/// Coupon prizes: a coupon of the prize's campaign, issued with the occasion key
/// wheel-spin:&lt;spin id&gt;, so a retried spin returns the coupon issued the first time.
/// </summary>
public sealed class CouponPrizeHandler : IWheelPrizeHandler
{
    public WheelPrizeKind Kind => WheelPrizeKind.Coupon;

    public PointspotError? Check(WheelPrizeInput prize)
    {
        if (prize.CampaignId is null)
        {
            return new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" is a COUPON but names no campaign: give campaignId, the id of a coupon campaign.");
        }

        return prize.Points == 0
            ? null
            : new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" is a COUPON but gives {prize.Points} points: give 0 points, or use kind POINTS.");
    }

    public async Task<PointspotError?> CheckTargetAsync(IGrainFactory grains, Guid merchantId, WheelPrizeInput prize) =>
        await Campaign(grains, merchantId, prize.CampaignId!.Value).Get() is not null
            ? null
            : new PointspotError(ErrorCodes.NotFound,
                $"Prize \"{prize.Label}\" names coupon campaign {prize.CampaignId}, which this merchant does not have: "
                + "take the id from couponCampaigns.");

    /// <summary>
    /// Leaves the prize out of the draw while its campaign is stopped, outside its window, out of
    /// stock, or at its limit for this member. A coupon issued elsewhere between this check and the
    /// issue can still make the issue fail after the spin was charged.
    /// </summary>
    public async Task<bool> IsAvailableAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone,
        WheelPrizeView prize, DateTimeOffset now)
    {
        var campaign = await Campaign(grains, merchantId, prize.CampaignId!.Value).Get();
        if (campaign is null || !campaign.Active || now < campaign.StartsAt || now >= campaign.EndsAt
            || campaign.Definition.Stock is { } stock && campaign.IssuedCount >= stock)
        {
            return false;
        }

        var memberCoupons = await grains.GetGrain<IMerchantCouponsGrain>(merchantId).ListMemberCoupons(phone.E164);
        return memberCoupons.Count(coupon => coupon.CampaignId == campaign.Id) < campaign.Definition.PerMemberLimit;
    }

    public long CreditedPoints(WheelPrizeView prize) => 0;

    public async Task<PointspotError?> GiveAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, Guid spinId,
        WheelPrizeView prize, Actor actor)
    {
        var result = await Campaign(grains, merchantId, prize.CampaignId!.Value)
            .Issue(new IssueCouponCommand(phone.E164, WheelPrizes.OccasionKey(spinId), actor));
        return result.Error;
    }

    private static ICouponCampaignGrain Campaign(IGrainFactory grains, Guid merchantId, Guid campaignId) =>
        grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, campaignId));
}

/// <summary>
/// Reward prizes: a GIVEAWAY reward given with the occasion key wheel-spin:&lt;spin id&gt;, so a
/// retried spin returns the gift made the first time.
/// </summary>
public sealed class RewardPrizeHandler : IWheelPrizeHandler
{
    public WheelPrizeKind Kind => WheelPrizeKind.Reward;

    public PointspotError? Check(WheelPrizeInput prize)
    {
        if (prize.RewardId is null)
        {
            return new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" is a REWARD but names no reward: give rewardId, the id of a GIVEAWAY reward.");
        }

        return prize.Points == 0
            ? null
            : new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" is a REWARD but gives {prize.Points} points: give 0 points, or use kind POINTS.");
    }

    public async Task<PointspotError?> CheckTargetAsync(IGrainFactory grains, Guid merchantId, WheelPrizeInput prize)
    {
        var reward = await Reward(grains, merchantId, prize.RewardId!.Value).Get();
        if (reward is null)
        {
            return new PointspotError(ErrorCodes.NotFound,
                $"Prize \"{prize.Label}\" names reward {prize.RewardId}, which this merchant does not have: take the id from rewards.");
        }

        return reward.Definition.Kind == RewardKind.Giveaway
            ? null
            : new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" names reward \"{reward.Definition.Name}\", which is {reward.Definition.Kind}: "
                + "a wheel gives GIVEAWAY rewards only.");
    }

    /// <summary>
    /// Leaves the prize out of the draw while its reward is stopped, outside its window or out of stock.
    /// </summary>
    // NOTE: the reward's per-member limit is not checked before the draw. A member at the limit can
    // win the prize, and the spin then returns the reward's LIMIT_REACHED error after it was charged.
    public async Task<bool> IsAvailableAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone,
        WheelPrizeView prize, DateTimeOffset now)
    {
        var reward = await Reward(grains, merchantId, prize.RewardId!.Value).Get();
        return reward is not null && reward.Active && now >= reward.StartsAt && now < reward.EndsAt
            && (reward.Definition.Stock is not { } stock || reward.GrantedCount < stock);
    }

    public long CreditedPoints(WheelPrizeView prize) => 0;

    public async Task<PointspotError?> GiveAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, Guid spinId,
        WheelPrizeView prize, Actor actor)
    {
        var result = await Reward(grains, merchantId, prize.RewardId!.Value)
            .Give(new GiveRewardCommand(phone.E164, WheelPrizes.OccasionKey(spinId), actor));
        return result.Error;
    }

    private static IRewardGrain Reward(IGrainFactory grains, Guid merchantId, Guid rewardId) =>
        grains.GetGrain<IRewardGrain>(RewardKey.For(merchantId, rewardId));
}

public static class WheelPrizes
{
    /// <summary>The occasion key of the coupon or reward a spin wins.</summary>
    public static string OccasionKey(Guid spinId) => $"wheel-spin:{spinId:N}";
}
