using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Claims;

namespace Pointspot.Api.GraphQL.Types;

public sealed class ClaimStatusType : EnumerationGraphType
{
    public ClaimStatusType()
    {
        Name = "ClaimStatus";
        Add("PENDING", ClaimStatus.Pending, "Waiting for the merchant's decision.");
        Add("APPROVED", ClaimStatus.Approved, "Approved: the purchase earned its points.");
        Add("REJECTED", ClaimStatus.Rejected, "Rejected with a reason; the receipt may be claimed again.");
    }
}

public sealed class ClaimType : ObjectGraphType<ClaimView>
{
    public ClaimType()
    {
        Name = "Claim";
        Description = "Requested points: a purchase that earned nothing at the counter, with a photo of its receipt.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The claim's id, for approveClaim and rejectClaim.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member's phone number in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<StringGraphType>>("receiptNumber").Description("The receipt number the approval earns for; a receipt earns once.").Resolve(c => c.Source.ReceiptNumber);
        Field<NonNullGraphType<DecimalScalar>>("amount").Description("The purchase amount on the receipt.").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<DateTimeScalar>>("purchasedAt").Description("When the purchase happened, in the merchant's time zone.").Resolve(c => c.Source.PurchasedAt);
        Field<NonNullGraphType<StringGraphType>>("photoType").Description("The photo's media type: image/jpeg, image/png, image/webp, image/heic or image/heif.").Resolve(c => c.Source.PhotoType);
        Field<NonNullGraphType<IntGraphType>>("photoBytes").Description("The photo's size in bytes.").Resolve(c => c.Source.PhotoBytes);
        Field<NonNullGraphType<StringGraphType>>("photoUrl").Description("Where an owner or admin token downloads the photo, relative to the API's root.").Resolve(c => $"/claims/{c.Source.Id}/photo");
        Field<NonNullGraphType<ClaimStatusType>>("status").Description("Pending, approved or rejected.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeScalar>>("submittedAt").Description("When the claim was received, in the merchant's time zone.").Resolve(c => c.Source.SubmittedAt);
        Field<DateTimeScalar>("decidedAt").Description("When the claim was approved or rejected; null while pending.").Resolve(c => c.Source.DecidedAt);
        Field<StringGraphType>("rejectionReason").Description("Why the claim was rejected; null otherwise.").Resolve(c => c.Source.RejectionReason);
        Field<LongGraphType>("points").Description("The points the approval earned; null unless approved.").Resolve(c => c.Source.Points);
        Field<IdGraphType>("entryId").Description("The id of the EARN ledger entry of the approval; null unless approved.").Resolve(c => c.Source.EntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class RejectClaimInput
{
    public string Id { get; set; } = "";
    public string Reason { get; set; } = "";
}

public sealed class RejectClaimInputType : InputObjectGraphType<RejectClaimInput>
{
    public RejectClaimInputType()
    {
        Name = "RejectClaimInput";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The claim to reject.");
        Field(x => x.Reason, type: typeof(NonNullGraphType<StringGraphType>)).Description("Why, as the member will read it; at most 500 characters.");
    }
}
