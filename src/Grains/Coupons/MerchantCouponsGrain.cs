using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// A merchant's coupons as a whole. Every purchase of the merchant passes here, so the grain
/// keeps the active welcome and purchase campaigns in memory and its calls interleave; a
/// campaign grain calls <see cref="Refresh"/> after each change.
/// </summary>
[Reentrant]
public sealed partial class MerchantCouponsGrain(
    CampaignStore campaigns, CouponStore coupons, PointsClock clock, ILogger<MerchantCouponsGrain> logger)
    : Grain, IMerchantCouponsGrain
{
    /// <summary>The most phones one request may list.</summary>
    public const int MaxPhones = 1000;

    private const string WelcomeOccasion = "welcome";
    private static readonly CouponKind[] TriggeredKinds = [CouponKind.Welcome, CouponKind.Purchase];

    private Task<List<CampaignView>>? _active;

    public async Task<IReadOnlyList<IssueCouponResult>> MemberCreated(string phone)
    {
        var welcome = (await ActiveAsync()).Where(c => c.Definition.Kind == CouponKind.Welcome);
        return await IssueAllAsync(welcome, phone, WelcomeOccasion);
    }

    public async Task<IReadOnlyList<IssueCouponResult>> PurchaseCollected(
        string phone, string receiptNumber, decimal amount, IReadOnlyList<PurchaseLine>? lines)
    {
        var matching = (await ActiveAsync()).Where(c => c.Definition.Kind == CouponKind.Purchase
            && DiscountCalculator.CheckCondition(c.Definition, amount, lines) is null);
        return await IssueAllAsync(matching, phone, "receipt:" + receiptNumber);
    }

    public async Task<IReadOnlyList<(string Phone, IssueCouponResult Result)>> IssueToMany(
        Guid campaignId, IReadOnlyList<string>? phones, string occasionKey, Actor actor)
    {
        // NOTE: this call issues to one member after another. With very many members the
        // request waits for all of them, and a background job would suit it better.
        IReadOnlyList<string> targets = phones ?? await coupons.ListMemberPhonesAsync(this.GetPrimaryKey());
        var grain = GrainFactory.GetGrain<ICouponCampaignGrain>(CampaignKey.For(this.GetPrimaryKey(), campaignId));
        var results = new List<(string, IssueCouponResult)>();
        foreach (string phone in targets)
        {
            results.Add((phone, await grain.Issue(new IssueCouponCommand(phone, occasionKey, actor))));
        }

        return results;
    }

    public async Task<IReadOnlyList<CampaignView>> ListCampaigns() =>
        await campaigns.ListAsync(this.GetPrimaryKey());

    public async Task<IReadOnlyList<CouponView>> ListMemberCoupons(string phone) =>
        await coupons.ListForMemberAsync(this.GetPrimaryKey(), phone);

    public Task Refresh()
    {
        _active = null;
        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<IssueCouponResult>> IssueAllAsync(
        IEnumerable<CampaignView> targets, string phone, string occasionKey)
    {
        var now = clock.UtcNow;
        var actor = new Actor("automation", "coupon-trigger");
        var results = new List<IssueCouponResult>();
        foreach (var campaign in targets.Where(c => c.StartsAt <= now && now < c.EndsAt))
        {
            var grain = GrainFactory.GetGrain<ICouponCampaignGrain>(CampaignKey.For(this.GetPrimaryKey(), campaign.Id));
            var result = await grain.Issue(new IssueCouponCommand(phone, occasionKey, actor));
            if (result.Error is { } error)
            {
                LogNotIssued(this.GetPrimaryKey(), campaign.Id, occasionKey, error.Code);
            }

            results.Add(result);
        }

        return results;
    }

    private Task<List<CampaignView>> ActiveAsync()
    {
        _active ??= LoadAsync();
        return _active;
    }

    private async Task<List<CampaignView>> LoadAsync()
    {
        try
        {
            var all = await campaigns.ListAsync(this.GetPrimaryKey(), TriggeredKinds);
            return all.Where(c => c.Active).ToList();
        }
        catch
        {
            // A failed load is tried again on the next call instead of being cached.
            _active = null;
            throw;
        }
    }

    [LoggerMessage(EventId = 6031, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} campaign {CampaignId} issued nothing for occasion {OccasionKey}: {Code}")]
    private partial void LogNotIssued(Guid merchantId, Guid campaignId, string occasionKey, string code);
}
