using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Coupons;

namespace Pointspot.Api.GraphQL.Types;

public sealed class CouponKindType : EnumerationGraphType
{
    public CouponKindType()
    {
        Name = "CouponKind";
        Description = "How a campaign's coupons reach members.";
        Add("WELCOME", CouponKind.Welcome, "Issued once to every new member, on the first purchase or at registerMember.");
        Add("PROMOTION", CouponKind.Promotion, "Sent by the owner with issueCoupons to a list of members or to all of them.");
        Add("PURCHASE", CouponKind.Purchase, "Issued after a collectPoints whose receipt meets minimumAmount and requiredSku, once per receipt.");
        Add("GIFT_VOUCHER", CouponKind.GiftVoucher, "A value spent over several checkouts until it runs out.");
        Add("COUNTER", CouponKind.Counter, "Activated for a member by staff at the counter with activateCoupon.");
    }
}

public sealed class DiscountKindType : EnumerationGraphType
{
    public DiscountKindType()
    {
        Name = "DiscountKind";
        Description = "What a coupon takes off a checkout.";
        Add("AMOUNT", DiscountKind.Amount, "discountAmount off the total.");
        Add("PERCENT", DiscountKind.Percent, "discountPercent of what is left of the total when the coupon is applied, rounded down to 0.01.");
        Add("FREE_ITEM", DiscountKind.FreeItem, "The unit price of the product freeItemSku, which must be on the checkout's lines.");
        Add("VALUE", DiscountKind.Value, "A gift voucher's remaining value, as much as the total needs.");
    }
}

public sealed class CouponStatusType : EnumerationGraphType
{
    public CouponStatusType()
    {
        Name = "CouponStatus";
        Description = "Whether a coupon can still be used.";
        Add("ISSUED", CouponStatus.Issued, "Not used yet, or a gift voucher with value left.");
        Add("USED", CouponStatus.Used, "Used at a checkout, or a gift voucher spent in full.");
    }
}

public sealed class CouponCampaignType : ObjectGraphType<CampaignView>
{
    public CouponCampaignType()
    {
        Name = "CouponCampaign";
        Description = "A kind of coupon with its stock, limit per member, validity window and discount.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The campaign's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name members see.").Resolve(c => c.Source.Definition.Name);
        Field<NonNullGraphType<CouponKindType>>("kind").Description("How its coupons reach members.").Resolve(c => c.Source.Definition.Kind);
        Field<NonNullGraphType<DiscountKindType>>("discountKind").Description("What its coupons take off a checkout.").Resolve(c => c.Source.Definition.DiscountKind);
        Field<DecimalScalar>("discountAmount").Description("The amount off, for AMOUNT.").Resolve(c => c.Source.Definition.DiscountAmount);
        Field<DecimalScalar>("discountPercent").Description("The percentage off, for PERCENT.").Resolve(c => c.Source.Definition.DiscountPercent);
        Field<StringGraphType>("freeItemSku").Description("The free product's SKU, for FREE_ITEM.").Resolve(c => c.Source.Definition.FreeItemSku);
        Field<DecimalScalar>("voucherValue").Description("Each gift voucher's starting value, for VALUE.").Resolve(c => c.Source.Definition.VoucherValue);
        Field<IntGraphType>("stock").Description("How many coupons the campaign issues in all; null without limit.").Resolve(c => c.Source.Definition.Stock);
        Field<NonNullGraphType<IntGraphType>>("perMemberLimit").Description("How many of its coupons one member may hold.").Resolve(c => c.Source.Definition.PerMemberLimit);
        Field<NonNullGraphType<IntGraphType>>("issuedCount").Description("Coupons issued so far.").Resolve(c => c.Source.IssuedCount);
        Field<NonNullGraphType<DateOnlyGraphType>>("validFrom").Description("The first day its coupons work, in the merchant's time zone.").Resolve(c => c.Source.Definition.ValidFrom);
        Field<NonNullGraphType<DateOnlyGraphType>>("validThrough").Description("The last day its coupons work, to the end of the day in the merchant's time zone.").Resolve(c => c.Source.Definition.ValidThrough);
        Field<NonNullGraphType<DateTimeScalar>>("endsAt").Description("The instant its coupons stop working: midnight after validThrough.").Resolve(c => c.Source.EndsAt);
        Field<DecimalScalar>("minimumAmount").Description("PURCHASE: the receipt amount that issues a coupon; other kinds: the checkout amount a coupon needs. Null when none.").Resolve(c => c.Source.Definition.MinimumAmount);
        Field<StringGraphType>("requiredSku").Description("PURCHASE: a product the receipt needs to issue a coupon; other kinds: a product the checkout needs. Null when none.").Resolve(c => c.Source.Definition.RequiredSku);
        Field<StringGraphType>("imageUrl").Description("The address of the campaign's image; null when none.").Resolve(c => c.Source.Definition.ImageUrl);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("False when stopped: it issues nothing, but issued coupons keep working.").Resolve(c => c.Source.Active);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the campaign was created.").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class CouponType : ObjectGraphType<CouponView>
{
    public CouponType()
    {
        Name = "Coupon";
        Description = "A coupon that one member holds.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The coupon's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("code").Description("The code the member shows and the POS sends to applyCoupons.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The campaign it belongs to.").Resolve(c => c.Source.CampaignId.ToString());
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The holder's phone number in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<StringGraphType>>("occasionKey").Description("Why it was issued, such as \"welcome\" or \"receipt:R-1\".").Resolve(c => c.Source.OccasionKey);
        Field<NonNullGraphType<CouponStatusType>>("status").Description("Whether it can still be used.").Resolve(c => c.Source.Status);
        Field<DecimalScalar>("remainingValue").Description("A gift voucher's value left; null for other coupons.").Resolve(c => c.Source.RemainingValue);
        Field<NonNullGraphType<DateTimeScalar>>("issuedAt").Description("When it was issued.").Resolve(c => c.Source.IssuedAt);
        Field<DateTimeScalar>("usedAt").Description("When it was used up; null while it can be used.").Resolve(c => c.Source.UsedAt);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Description("The instant it stops working.").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class IssueCouponPayloadType : ObjectGraphType<IssueCouponResult>
{
    public IssueCouponPayloadType()
    {
        Name = "IssueCouponPayload";
        Description = "A coupon issued to one member.";
        Field<NonNullGraphType<CouponType>>("coupon").Description("The coupon, or the one issued before for the same occasion.").Resolve(c => c.Source.Coupon);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when the member already had a coupon for this occasion and nothing changed.").Resolve(c => c.Source.Replayed);
    }
}

/// <summary>The outcome of issuing to one phone of a list.</summary>
public sealed record IssueOutcome(string Phone, IssueCouponResult Result);

public sealed class IssueOutcomeType : ObjectGraphType<IssueOutcome>
{
    public IssueOutcomeType()
    {
        Name = "IssueCouponOutcome";
        Description = "What issuing did for one member of the list.";
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The phone number as sent.").Resolve(c => c.Source.Phone);
        Field<CouponType>("coupon").Description("The coupon issued now or before; null when none was issued.").Resolve(c => c.Source.Result.Coupon);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when the member already had a coupon for this occasion.").Resolve(c => c.Source.Result.Replayed);
        Field<StringGraphType>("errorCode").Description("Why no coupon was issued (such as COUPON_EXHAUSTED or LIMIT_REACHED); null when one was.").Resolve(c => c.Source.Result.Error?.Code);
        Field<StringGraphType>("errorMessage").Description("The error's explanation; null when a coupon was issued.").Resolve(c => c.Source.Result.Error?.Message);
    }
}

public sealed class IssueCouponsPayloadType : ObjectGraphType<IReadOnlyList<IssueOutcome>>
{
    public IssueCouponsPayloadType()
    {
        Name = "IssueCouponsPayload";
        Description = "The result of issuing a campaign's coupons to many members.";
        Field<NonNullGraphType<IntGraphType>>("issuedCount").Description("Coupons issued by this request, replays not counted.").Resolve(c => c.Source.Count(o => o.Result.Coupon is not null && !o.Result.Replayed));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IssueOutcomeType>>>>("outcomes").Description("One outcome per member, in the order sent.").Resolve(c => c.Source);
    }
}

public sealed class AppliedCouponType : ObjectGraphType<AppliedCoupon>
{
    public AppliedCouponType()
    {
        Name = "AppliedCoupon";
        Description = "What one coupon took off a checkout, or why it took nothing and stayed unused.";
        Field<NonNullGraphType<StringGraphType>>("code").Description("The coupon's code.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<IdGraphType>>("campaignId").Description("The coupon's campaign.").Resolve(c => c.Source.CampaignId.ToString());
        Field<NonNullGraphType<DecimalScalar>>("discount").Description("The amount it took off.").Resolve(c => c.Source.Discount);
        Field<DecimalScalar>("remainingValue").Description("A gift voucher's value left after this checkout; null for other coupons.").Resolve(c => c.Source.RemainingValue);
        Field<NonNullGraphType<BooleanGraphType>>("applied").Description("False when the coupon would take 0.00, for example because the total was already 0.00: it was not used and stays valid, and discount is 0.00.").Resolve(c => c.Source.Applied);
        Field<StringGraphType>("notAppliedReason").Description("Why the coupon was not used when applied is false; null when it was used.").Resolve(c => c.Source.NotAppliedReason);
    }
}

public sealed class ApplyCouponsPayloadType : ObjectGraphType<CheckoutResult>
{
    public ApplyCouponsPayloadType()
    {
        Name = "ApplyCouponsPayload";
        Description = "A checkout's total after its coupons.";
        Field<NonNullGraphType<StringGraphType>>("receiptNumber").Description("The receipt the coupons were used on.").Resolve(c => c.Source.Checkout!.ReceiptNumber);
        Field<NonNullGraphType<DecimalScalar>>("amount").Description("The total before discounts.").Resolve(c => c.Source.Checkout!.Amount);
        Field<NonNullGraphType<DecimalScalar>>("discount").Description("The sum of the coupons' discounts.").Resolve(c => c.Source.Checkout!.Discount);
        Field<NonNullGraphType<DecimalScalar>>("total").Description("amount - discount: what the member pays, never below 0.00.").Resolve(c => c.Source.Checkout!.Total);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AppliedCouponType>>>>("coupons").Description("Each coupon's discount, in the order applied.").Resolve(c => c.Source.Checkout!.Coupons);
        Field<NonNullGraphType<BooleanGraphType>>("replayed").Description("True when the idempotency key was used before: the first result is returned and nothing changed.").Resolve(c => c.Source.Replayed);
    }
}

public sealed class CreateCouponCampaignInput
{
    public string Name { get; set; } = "";
    public CouponKind Kind { get; set; }
    public DiscountKind DiscountKind { get; set; }
    public decimal? DiscountAmount { get; set; }
    public decimal? DiscountPercent { get; set; }
    public string? FreeItemSku { get; set; }
    public decimal? VoucherValue { get; set; }
    public int? Stock { get; set; }
    public int? PerMemberLimit { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidThrough { get; set; }
    public decimal? MinimumAmount { get; set; }
    public string? RequiredSku { get; set; }
    public string? ImageUrl { get; set; }

    public CampaignDefinition ToDefinition() => new(Name, Kind, DiscountKind, DiscountAmount, DiscountPercent, FreeItemSku,
        VoucherValue, Stock, PerMemberLimit ?? 1, ValidFrom, ValidThrough, MinimumAmount, RequiredSku, ImageUrl);
}

public sealed class CreateCouponCampaignInputType : InputObjectGraphType<CreateCouponCampaignInput>
{
    public CreateCouponCampaignInputType()
    {
        Name = "CreateCouponCampaignInput";
        Description = "A new coupon campaign. Set exactly the discount field that discountKind takes.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("The name members see, at most 200 characters.");
        Field(x => x.Kind, type: typeof(NonNullGraphType<CouponKindType>)).Description("How its coupons reach members.");
        Field(x => x.DiscountKind, type: typeof(NonNullGraphType<DiscountKindType>)).Description("VALUE for GIFT_VOUCHER campaigns; AMOUNT, PERCENT or FREE_ITEM for the others.");
        Field(x => x.DiscountAmount, type: typeof(DecimalScalar)).Description("AMOUNT: the amount off, 0.01 or more.");
        Field(x => x.DiscountPercent, type: typeof(DecimalScalar)).Description("PERCENT: more than 0 and at most 100.");
        Field(x => x.FreeItemSku, type: typeof(StringGraphType)).Description("FREE_ITEM: the SKU of the free product.");
        Field(x => x.VoucherValue, type: typeof(DecimalScalar)).Description("VALUE: each voucher's starting value, 0.01 or more.");
        Field(x => x.Stock, type: typeof(IntGraphType)).Description("Coupons to issue in all, 0 to 10,000,000; no limit when omitted.");
        Field(x => x.PerMemberLimit, type: typeof(IntGraphType)).Description("Coupons one member may hold, 1 to 1000; 1 when omitted.");
        Field(x => x.ValidFrom, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The first day its coupons work (YYYY-MM-DD, merchant's time zone).");
        Field(x => x.ValidThrough, type: typeof(NonNullGraphType<DateOnlyGraphType>)).Description("The last day its coupons work, to the end of that day in the merchant's time zone.");
        Field(x => x.MinimumAmount, type: typeof(DecimalScalar)).Description("PURCHASE: the receipt amount that issues a coupon; other kinds: the checkout amount a coupon needs.");
        Field(x => x.RequiredSku, type: typeof(StringGraphType)).Description("PURCHASE: a SKU the receipt's lines need to issue a coupon; other kinds: a SKU the checkout's lines need.");
        Field(x => x.ImageUrl, type: typeof(StringGraphType)).Description("An absolute http or https address of the campaign's image.");
    }
}

public sealed class IssueCouponsInput
{
    public string CampaignId { get; set; } = "";
    public List<string>? Phones { get; set; }
    public bool? AllMembers { get; set; }
    public string OccasionKey { get; set; } = "";
}

public sealed class IssueCouponsInputType : InputObjectGraphType<IssueCouponsInput>
{
    public IssueCouponsInputType()
    {
        Name = "IssueCouponsInput";
        Description = "A campaign's coupons to send: to the listed phones, or to all members.";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign's id.");
        Field(x => x.Phones, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("Up to 1000 members' phone numbers; leave out with allMembers: true.");
        Field(x => x.AllMembers, type: typeof(BooleanGraphType)).Description("True to send to every member of the merchant instead of phones.");
        Field(x => x.OccasionKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Names this sending, such as \"songkran-2027\": sending again with it issues nothing twice.");
    }
}

public sealed class ActivateCouponInput
{
    public string CampaignId { get; set; } = "";
    public string Phone { get; set; } = "";
    public string OccasionKey { get; set; } = "";
}

public sealed class ActivateCouponInputType : InputObjectGraphType<ActivateCouponInput>
{
    public ActivateCouponInputType()
    {
        Name = "ActivateCouponInput";
        Description = "A coupon to activate for a member at the counter.";
        Field(x => x.CampaignId, type: typeof(NonNullGraphType<IdGraphType>)).Description("The campaign's id.");
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number.");
        Field(x => x.OccasionKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Makes the activation idempotent: the same key returns the same coupon.");
    }
}

public sealed class ApplyCouponsInput
{
    public string? Phone { get; set; }
    public decimal Amount { get; set; }
    public List<string> Codes { get; set; } = [];
    public string ReceiptNumber { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public List<PurchaseLineInput>? Lines { get; set; }
}

public sealed class ApplyCouponsInputType : InputObjectGraphType<ApplyCouponsInput>
{
    public ApplyCouponsInputType()
    {
        Name = "ApplyCouponsInput";
        Description = "The checkout and the coupons to use on it.";
        Field(x => x.Phone, type: typeof(StringGraphType)).Description("The member paying; when sent, every coupon must be theirs.");
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The receipt's total before discounts, 0.00 or more.");
        Field(x => x.Codes, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>)).Description("1 to 10 coupon codes, applied in this order.");
        Field(x => x.ReceiptNumber, type: typeof(NonNullGraphType<StringGraphType>)).Description("The receipt the coupons are used on.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per checkout; a retry with it returns the first result.");
        Field(x => x.Lines, type: typeof(ListGraphType<NonNullGraphType<PurchaseLineInputType>>)).Description("The receipt's lines, which must add up to amount; FREE_ITEM coupons and requiredSku need them.");
    }
}
