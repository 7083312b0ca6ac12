using System.Globalization;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;

namespace Pointspot.Grains.Coupons;

/// <summary>
/// One coupon, loaded from the coupon table. Its calls run one at a time, so of two checkouts
/// that use a single-use coupon at the same moment exactly one gets it; the conditional UPDATE
/// in <see cref="CouponStore.UseAsync"/> holds even against a second activation.
/// </summary>
public sealed partial class CouponGrain(CouponStore store, PointsClock clock, ILogger<CouponGrain> logger)
    : Grain, ICouponGrain
{
    private Guid _merchantId;
    private string _code = "";
    private StoredCoupon? _stored;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_merchantId, _code) = CouponKey.Parse(this.GetPrimaryKeyString());
        _stored = await store.LoadAsync(_merchantId, _code);
    }

    /// <summary>Reads the coupon's row, so the owner and status are current even after an erasure.</summary>
    public async Task<CouponView?> Get() => (await store.LoadAsync(_merchantId, _code))?.Coupon;

    public async Task<UseCouponResult> Use(UseCouponCommand command)
    {
        // Read the row on every use, not only at activation: an erasure changes the coupon's
        // owner in the table without telling this grain, and a coupon may be issued after
        // this activation first looked.
        _stored = await store.LoadAsync(_merchantId, _code);
        if (_stored is not { Coupon: var coupon, Campaign: var campaign })
        {
            return Failed(ErrorCodes.CouponNotFound,
                $"No coupon has code \"{_code}\" at this merchant: check the code the member shows.");
        }

        if (MemberPrivacyStore.IsPseudonym(coupon.Phone))
        {
            return Failed(ErrorCodes.CouponNotFound,
                $"Coupon \"{coupon.Code}\" belonged to a member whose personal data was erased, so it cannot be used "
                + "any more: use another coupon.");
        }

        if (await store.FindUseAsync(coupon.Id, command.CheckoutKey) is { } taken)
        {
            return new UseCouponResult(new AppliedCoupon(coupon.Code, campaign.Id, taken, coupon.RemainingValue), null);
        }

        if (Refuse(command, coupon, campaign) is { } refusal)
        {
            return new UseCouponResult(null, refusal);
        }

        var (discount, notMet) = DiscountCalculator.Compute(campaign.Definition, coupon.RemainingValue,
            command.RemainingTotal, command.Lines);
        if (notMet is not null)
        {
            return new UseCouponResult(null, notMet);
        }

        if (discount == 0)
        {
            // The coupon would take nothing (the total is already 0.00, or a percentage rounds
            // down to 0.00), so it stays unused for a later checkout.
            LogCouponNotApplied(_merchantId, coupon.Id, command.CheckoutKey);
            return new UseCouponResult(new AppliedCoupon(coupon.Code, campaign.Id, 0.00m, coupon.RemainingValue,
                $"Coupon \"{coupon.Code}\" was not used because it would take 0.00 off the remaining total of "
                + $"{command.RemainingTotal.ToString("F2", CultureInfo.InvariantCulture)}: it stays valid for a later checkout."),
                null);
        }

        // A gift voucher stays usable until its value is spent; every other coupon is used once.
        decimal? remaining = coupon.RemainingValue is { } value ? value - discount : null;
        var status = remaining is > 0 ? CouponStatus.Issued : CouponStatus.Used;
        if (!await store.UseAsync(coupon, command.CheckoutKey, discount, status, remaining))
        {
            _stored = await store.LoadAsync(_merchantId, _code);
            LogCouponChangedElsewhere(_merchantId, coupon.Id);
            return Failed(ErrorCodes.Unavailable,
                "The coupon was changed elsewhere at the same moment: retry with the same idempotency key.");
        }

        var now = clock.UtcNow;
        _stored = _stored with
        {
            Coupon = coupon with
            {
                Status = status,
                RemainingValue = remaining,
                UsedAt = status == CouponStatus.Used ? now : null,
            },
        };
        LogCouponUsed(_merchantId, coupon.Id, command.CheckoutKey, discount);
        return new UseCouponResult(new AppliedCoupon(coupon.Code, campaign.Id, discount, remaining), null);
    }

    public async Task Release(string checkoutKey)
    {
        if (_stored is null)
        {
            return;
        }

        if (await store.ReleaseAsync(_stored.Coupon.Id, checkoutKey))
        {
            LogCouponReleased(_merchantId, _stored.Coupon.Id, checkoutKey);
        }

        _stored = await store.LoadAsync(_merchantId, _code);
    }

    private PointspotError? Refuse(UseCouponCommand command, CouponView coupon, CampaignView campaign)
    {
        if (command.Phone is { } phone && phone != coupon.Phone)
        {
            return new PointspotError(ErrorCodes.CouponOfAnotherMember,
                $"Coupon \"{coupon.Code}\" belongs to another member, not to {National(phone)}: "
                + "a coupon works only for the member who holds it. Check the code with the member.");
        }

        if (coupon.Status == CouponStatus.Used)
        {
            return new PointspotError(ErrorCodes.CouponUsed, coupon.RemainingValue is null
                ? $"Coupon \"{coupon.Code}\" was already used on {coupon.UsedAt:yyyy-MM-dd HH:mm} UTC: a coupon works once."
                : $"Gift voucher \"{coupon.Code}\" has no value left: it was spent in full.");
        }

        var now = clock.UtcNow;
        if (now < campaign.StartsAt)
        {
            return new PointspotError(ErrorCodes.CouponNotYetValid,
                $"Coupon \"{coupon.Code}\" is valid from {campaign.Definition.ValidFrom:yyyy-MM-dd}: use it on or after that day.");
        }

        if (now >= campaign.EndsAt)
        {
            return new PointspotError(ErrorCodes.CouponExpired,
                $"Coupon \"{coupon.Code}\" expired at the end of {campaign.Definition.ValidThrough:yyyy-MM-dd}: "
                + "it cannot be used any more.");
        }

        return campaign.Definition.Kind == CouponKind.Purchase
            ? null
            : DiscountCalculator.CheckCondition(campaign.Definition, command.Amount, command.Lines);
    }

    private static string National(string e164) => PhoneNumber.FromE164(e164).National;

    private static UseCouponResult Failed(string code, string message) => new(null, new PointspotError(code, message));

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} coupon {CouponId} took {Discount} off checkout {CheckoutKey}")]
    private partial void LogCouponUsed(Guid merchantId, Guid couponId, string checkoutKey, decimal discount);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} coupon {CouponId} released by checkout {CheckoutKey}")]
    private partial void LogCouponReleased(Guid merchantId, Guid couponId, string checkoutKey);

    [LoggerMessage(EventId = 6014, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} coupon {CouponId} not used by checkout {CheckoutKey}: it would take 0.00")]
    private partial void LogCouponNotApplied(Guid merchantId, Guid couponId, string checkoutKey);

    [LoggerMessage(EventId = 6013, Level = LogLevel.Warning,
        Message = "Merchant {MerchantId} coupon {CouponId} was changed elsewhere; reloaded")]
    private partial void LogCouponChangedElsewhere(Guid merchantId, Guid couponId);
}
