using Microsoft.Extensions.Logging;
using Npgsql;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// A coupon campaign, loaded from the coupon_campaign table. Calls run one at a time, and the
/// issue transaction locks the campaign row, so its stock and per-member limit are exact.
/// </summary>
public sealed partial class CouponCampaignGrain(
    CampaignStore campaigns, CouponStore coupons, PointsClock clock, ILogger<CouponCampaignGrain> logger)
    : Grain, ICouponCampaignGrain
{
    private const int CodeAttempts = 5;

    private Guid _merchantId;
    private Guid _campaignId;
    private CampaignView? _campaign;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_merchantId, _campaignId) = CampaignKey.Parse(this.GetPrimaryKeyString());
        _campaign = await campaigns.LoadAsync(_merchantId, _campaignId);
    }

    public async Task<CampaignResult> Create(CampaignDefinition fields, Actor actor)
    {
        if (_campaign is not null)
        {
            return new CampaignResult(null, new PointspotError(ErrorCodes.InvalidInput,
                $"Campaign {_campaignId} exists already: create a campaign under a new id."));
        }

        var settings = await GrainFactory.GetGrain<IMerchantGrain>(_merchantId).GetSettings();
        if (settings is null || !TimeZones.TryFind(settings.TimeZone, out var zone))
        {
            return new CampaignResult(null, new PointspotError(ErrorCodes.NotFound, "The merchant of this request does not exist."));
        }

        var normalized = CampaignRules.Normalize(fields);
        if (CampaignRules.Check(normalized) is { } invalid)
        {
            return new CampaignResult(null, invalid);
        }

        var startsAt = ExpiryCalculator.EndOfDay(normalized.ValidFrom.AddDays(-1), zone);
        var endsAt = ExpiryCalculator.EndOfDay(normalized.ValidThrough, zone);
        _campaign = await campaigns.InsertAsync(_merchantId, _campaignId, normalized, startsAt, endsAt, actor.ToString());
        await GrainFactory.GetGrain<IMerchantCouponsGrain>(_merchantId).Refresh();
        LogCampaignCreated(_merchantId, _campaignId, CampaignRules.Name(normalized.Kind), actor.ToString());
        return new CampaignResult(_campaign, null);
    }

    public async Task<CampaignResult> SetActive(bool active, Actor actor)
    {
        if (_campaign is null)
        {
            return new CampaignResult(null, NotFound());
        }

        _campaign = await campaigns.SetActiveAsync(_merchantId, _campaignId, active) ?? _campaign;
        await GrainFactory.GetGrain<IMerchantCouponsGrain>(_merchantId).Refresh();
        LogCampaignActive(_merchantId, _campaignId, active, actor.ToString());
        return new CampaignResult(_campaign, null);
    }

    public async Task<CampaignView?> Get()
    {
        // Issues change the count in the table; reading it back keeps the view current.
        _campaign = await campaigns.LoadAsync(_merchantId, _campaignId);
        return _campaign;
    }

    public async Task<IssueCouponResult> Issue(IssueCouponCommand command)
    {
        if (_campaign is not { } campaign)
        {
            return Failed(NotFound());
        }

        if (!PhoneNumber.TryParse(command.Phone, out var phone, out string phoneError))
        {
            return Failed(new PointspotError(ErrorCodes.InvalidPhone, phoneError));
        }

        if (PointsRules.CheckText("occasionKey", command.OccasionKey, CampaignRules.MaxOccasionKeyLength) is { } badKey)
        {
            return Failed(badKey);
        }

        // A coupon issued before for this occasion is returned even after the campaign stopped.
        var refusal = CheckIssuable(campaign);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (refusal is not null)
                {
                    var earlier = await coupons.FindIssuedAsync(campaign.Id, phone.E164, command.OccasionKey);
                    return earlier is not null ? new IssueCouponResult(earlier, true, null) : Failed(refusal);
                }

                var (coupon, replayed, issueRefusal) = await coupons.IssueAsync(_merchantId, campaign, phone.E164,
                    command.OccasionKey, CouponCodes.New(), command.Actor.ToString());
                if (coupon is not null)
                {
                    if (!replayed)
                    {
                        LogCouponIssued(_merchantId, _campaignId, coupon.Id, command.OccasionKey);
                    }

                    return new IssueCouponResult(coupon, replayed, null);
                }

                return Failed(Explain(issueRefusal, campaign, phone));
            }
            catch (PostgresException exception) when (exception.SqlState == "23505" && attempt < CodeAttempts)
            {
                // A code taken by another coupon, or the same occasion issued by a second
                // activation: the next attempt draws a new code or finds that coupon.
                LogIssueRetried(_merchantId, _campaignId, exception.ConstraintName);
            }
        }
    }

    private PointspotError? CheckIssuable(CampaignView campaign)
    {
        var now = clock.UtcNow;
        if (!campaign.Active)
        {
            return new PointspotError(ErrorCodes.CampaignInactive,
                $"Campaign \"{campaign.Definition.Name}\" is stopped: resume it with setCouponCampaignActive first.");
        }

        if (now >= campaign.EndsAt)
        {
            return new PointspotError(ErrorCodes.CouponExpired,
                $"Campaign \"{campaign.Definition.Name}\" ended after {campaign.Definition.ValidThrough:yyyy-MM-dd}: "
                + "create a new campaign to issue more coupons.");
        }

        return null;
    }

    private static PointspotError Explain(IssueRefusal refusal, CampaignView campaign, PhoneNumber phone) => refusal switch
    {
        IssueRefusal.StockGone => new PointspotError(ErrorCodes.CouponExhausted,
            $"Campaign \"{campaign.Definition.Name}\" has issued all {campaign.Definition.Stock} of its coupons: "
            + "create a new campaign or offer another one."),
        IssueRefusal.LimitReached => new PointspotError(ErrorCodes.LimitReached,
            $"Member {phone.National} already holds {campaign.Definition.PerMemberLimit} coupon(s) of campaign "
            + $"\"{campaign.Definition.Name}\", its limit per member: offer another campaign."),
        _ => new PointspotError(ErrorCodes.MemberNotFound,
            $"No member has phone number {phone.National} at this merchant: the member must buy or sign up first."),
    };

    private PointspotError NotFound() => new(ErrorCodes.NotFound,
        $"No coupon campaign with id {_campaignId} exists at this merchant: list them with the couponCampaigns query.");

    private static IssueCouponResult Failed(PointspotError error) => new(null, false, error);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} coupon campaign {CampaignId} ({Kind}) created by {Actor}")]
    private partial void LogCampaignCreated(Guid merchantId, Guid campaignId, string kind, string actor);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} coupon campaign {CampaignId} set active {Active} by {Actor}")]
    private partial void LogCampaignActive(Guid merchantId, Guid campaignId, bool active, string actor);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Debug,
        Message = "Merchant {MerchantId} campaign {CampaignId} issued coupon {CouponId} for occasion {OccasionKey}")]
    private partial void LogCouponIssued(Guid merchantId, Guid campaignId, Guid couponId, string occasionKey);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning,
        Message = "Merchant {MerchantId} campaign {CampaignId} retried an issue after a conflict on {Constraint}")]
    private partial void LogIssueRetried(Guid merchantId, Guid campaignId, string? constraint);
}
