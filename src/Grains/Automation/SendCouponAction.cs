using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Automation;

/// <summary>
/// Issues a coupon of the rule's campaign, with the firing's idempotency key as the occasion key,
/// so a firing done again after a crash returns the coupon issued the first time. When the campaign
/// rejects the issue (out of stock, stopped, expired, or the member at its limit), the firing fails
/// for good: the automation grain completes it with the error's code and does not retry it.
/// </summary>
public sealed class SendCouponAction : IAutomationAction
{
    public static readonly Actor Actor = new("automation", "rules");

    public AutomationActionKind Kind => AutomationActionKind.SendCoupon;

    public PointspotError? Check(AutomationRuleInput input)
    {
        if (input.CampaignId is null)
        {
            return new PointspotError(ErrorCodes.InvalidAutomationRule,
                $"Rule \"{input.Name}\" sends a coupon but names no campaign: give campaignId, the id of a coupon campaign.");
        }

        return input.Points == 0
            ? null
            : new PointspotError(ErrorCodes.InvalidAutomationRule,
                $"Rule \"{input.Name}\" sends a coupon but gives {input.Points} points: give 0 points, or add an AWARD_POINTS rule.");
    }

    public async Task<PointspotError?> CheckTargetAsync(IGrainFactory grains, Guid merchantId, AutomationRuleInput input)
    {
        var campaign = grains.GetGrain<ICouponCampaignGrain>(CampaignKey.For(merchantId, input.CampaignId!.Value));
        return await campaign.Get() is not null
            ? null
            : new PointspotError(ErrorCodes.NotFound,
                $"No coupon campaign {input.CampaignId} exists at this merchant: list the campaigns with couponCampaigns.");
    }

    public async Task<PointspotError?> ExecuteAsync(IGrainFactory grains, AutomationFiring firing)
    {
        var campaign = grains.GetGrain<ICouponCampaignGrain>(
            CampaignKey.For(firing.MerchantId, firing.Rule.CampaignId!.Value));
        var result = await campaign.Issue(new IssueCouponCommand(firing.Phone.E164, firing.IdempotencyKey, Actor));
        return result.Error;
    }
}
