using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Api.GraphQL.Types;

public sealed class SignUpMerchantInput
{
    public string Name { get; set; } = "";
    public string OwnerEmail { get; set; } = "";
    public string Password { get; set; } = "";
    public string? TimeZone { get; set; }
}

public sealed class SignUpMerchantInputType : InputObjectGraphType<SignUpMerchantInput>
{
    public SignUpMerchantInputType()
    {
        Name = "SignUpMerchantInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("The shop's name.");
        Field(x => x.OwnerEmail, type: typeof(NonNullGraphType<StringGraphType>)).Description("The owner's e-mail address, used to sign in.");
        Field(x => x.Password, type: typeof(NonNullGraphType<StringGraphType>)).Description("10 to 128 characters.");
        Field(x => x.TimeZone, type: typeof(StringGraphType)).Description("IANA time zone; Asia/Bangkok when omitted.");
    }
}

public sealed class SignInInput
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
}

public sealed class SignInInputType : InputObjectGraphType<SignInInput>
{
    public SignInInputType()
    {
        Name = "SignInInput";
        Field(x => x.Email, type: typeof(NonNullGraphType<StringGraphType>)).Description("The e-mail address given at sign-up.");
        Field(x => x.Password, type: typeof(NonNullGraphType<StringGraphType>)).Description("The password given at sign-up.");
    }
}

public sealed class SetEarnRuleInput
{
    public decimal SpendPerPoint { get; set; }
    public decimal? MinimumSpend { get; set; }
}

public sealed class SetEarnRuleInputType : InputObjectGraphType<SetEarnRuleInput>
{
    public SetEarnRuleInputType()
    {
        Name = "SetEarnRuleInput";
        Field(x => x.SpendPerPoint, type: typeof(NonNullGraphType<DecimalScalar>)).Description("Spend that earns one point, e.g. \"25.00\".");
        Field(x => x.MinimumSpend, type: typeof(DecimalScalar)).Description("A purchase below this earns nothing; 0.00 when omitted.");
    }
}

public sealed class CreateApiKeyInput
{
    public string Name { get; set; } = "";
    public string? Scope { get; set; }
}

public sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("A label for the device, e.g. \"Counter 1\".");
        Field(x => x.Scope, type: typeof(StringGraphType))
            .Description("What the key may do: pos (collect, redeem, look up; the default), partner (read and subscribe) or admin (what an admin may do).");
    }
}

public sealed class CollectPointsInput
{
    public string Phone { get; set; } = "";
    public decimal Amount { get; set; }
    public string ReceiptNumber { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public List<PurchaseLineInput>? Lines { get; set; }
}

public sealed class CollectPointsInputType : InputObjectGraphType<CollectPointsInput>
{
    public CollectPointsInputType()
    {
        Name = "CollectPointsInput";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("A Thai mobile number in any common form, e.g. 081-234-5678.");
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The amount spent, 0.00 or more, at most two decimal places.");
        Field(x => x.ReceiptNumber, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per purchase at the merchant; a receipt earns once.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per request; a retry with the same key returns the first result.");
        Field(x => x.OccurredAt, type: typeof(NonNullGraphType<DateTimeScalar>)).Description("When the purchase happened on the shop's clock; may lie in the past for an offline POS.");
        Field(x => x.Lines, type: typeof(ListGraphType<NonNullGraphType<PurchaseLineInputType>>)).Description("The receipt's lines; their amounts must add up to amount. Points are then computed per line with the catalog's product rules.");
    }
}

public sealed class AdjustPointsInput
{
    public string Phone { get; set; } = "";
    public long Points { get; set; }
    public string Reason { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}

public sealed class AdjustPointsInputType : InputObjectGraphType<AdjustPointsInput>
{
    public AdjustPointsInputType()
    {
        Name = "AdjustPointsInput";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number, in any common Thai form.");
        Field(x => x.Points, type: typeof(NonNullGraphType<LongGraphType>)).Description("How many points to send or pull, 1 or more.");
        Field(x => x.Reason, type: typeof(NonNullGraphType<StringGraphType>)).Description("Why the points change, shown in the member's history.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("A key unique to this request; a retry sends the same key.");
    }
}

public sealed class RegisterMemberInput
{
    public string Phone { get; set; } = "";
    public string Name { get; set; } = "";
    public DateOnly? BirthDate { get; set; }
    public Gender? Gender { get; set; }
    public bool? MarketingConsent { get; set; }
}

public sealed class RegisterMemberInputType : InputObjectGraphType<RegisterMemberInput>
{
    public RegisterMemberInputType()
    {
        Name = "RegisterMemberInput";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's phone number, in any common Thai form.");
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("The member's name.");
        Field(x => x.BirthDate, type: typeof(DateOnlyGraphType)).Description("YYYY-MM-DD.");
        Field(x => x.Gender, type: typeof(GenderType)).Description("The member's gender; UNSPECIFIED when omitted.");
        Field(x => x.MarketingConsent, type: typeof(BooleanGraphType)).Description("Whether the member agrees to marketing messages; false when omitted.");
    }
}

public sealed class SetExpiryPolicyInput
{
    public ExpiryPolicyKind Kind { get; set; }
    public int? Months { get; set; }
    public int? Month { get; set; }
    public int? Day { get; set; }
}

public sealed class SetExpiryPolicyInputType : InputObjectGraphType<SetExpiryPolicyInput>
{
    public SetExpiryPolicyInputType()
    {
        Name = "SetExpiryPolicyInput";
        Field(x => x.Kind, type: typeof(NonNullGraphType<ExpiryPolicyKindType>)).Description("The kind of policy.");
        Field(x => x.Months, type: typeof(IntGraphType)).Description("ROLLING: 1 to 120; END_OF_MONTH: 0 to 120. Ignored by the other kinds.");
        Field(x => x.Month, type: typeof(IntGraphType)).Description("FIXED_DATE: the month, 1 to 12. Ignored by the other kinds.");
        Field(x => x.Day, type: typeof(IntGraphType)).Description("FIXED_DATE: the day of the month; 29 February is not accepted. Ignored by the other kinds.");
    }
}

public sealed class SetPointValueInput
{
    public decimal? PointValue { get; set; }
}

public sealed class SetPointValueInputType : InputObjectGraphType<SetPointValueInput>
{
    public SetPointValueInputType()
    {
        Name = "SetPointValueInput";
        Field(x => x.PointValue, type: typeof(DecimalScalar))
            .Description("The money value of one point, 0.01 or more with at most two decimal places, e.g. \"0.25\"; null turns paying with points off.");
    }
}

public sealed class PayWithPointsInput
{
    public string Phone { get; set; } = "";
    public long? Points { get; set; }
    public decimal? Amount { get; set; }
    public string ReceiptNumber { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}

public sealed class PayWithPointsInputType : InputObjectGraphType<PayWithPointsInput>
{
    public PayWithPointsInputType()
    {
        Name = "PayWithPointsInput";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The paying member's Thai mobile number in any common form.");
        Field(x => x.Points, type: typeof(LongGraphType))
            .Description("Points to spend; the entry's amount is points times the point value. Send this or amount, not both.");
        Field(x => x.Amount, type: typeof(DecimalScalar))
            .Description("Money the points should pay; the points spent are amount divided by the point value, rounded up. Send this or points, not both.");
        Field(x => x.ReceiptNumber, type: typeof(NonNullGraphType<StringGraphType>)).Description("The purchase's receipt; a receipt is paid with points once.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per request; a retry with the same key returns the first result.");
    }
}

public sealed class TransferPointsInput
{
    public string FromPhone { get; set; } = "";
    public string ToPhone { get; set; } = "";
    public long Points { get; set; }
    public string IdempotencyKey { get; set; } = "";
}

public sealed class TransferPointsInputType : InputObjectGraphType<TransferPointsInput>
{
    public TransferPointsInputType()
    {
        Name = "TransferPointsInput";
        Field(x => x.FromPhone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The sending member's Thai mobile number.");
        Field(x => x.ToPhone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The receiving member's Thai mobile number; a new number becomes a member.");
        Field(x => x.Points, type: typeof(NonNullGraphType<LongGraphType>)).Description("Points to move, 1 to 1,000,000,000; at most the sender's balance.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("Unique per transfer, at most 124 characters; a retry with the same key finishes or returns the first transfer.");
    }
}

public sealed class RefundPurchaseInput
{
    public string ReceiptNumber { get; set; } = "";
    public decimal Amount { get; set; }
    public string IdempotencyKey { get; set; } = "";
}

public sealed class RefundPurchaseInputType : InputObjectGraphType<RefundPurchaseInput>
{
    public RefundPurchaseInputType()
    {
        Name = "RefundPurchaseInput";
        Field(x => x.ReceiptNumber, type: typeof(NonNullGraphType<StringGraphType>)).Description("The receipt that earned the points.");
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>))
            .Description("The money refunded now, 0.01 or more; all refunds of a receipt together may not pass its purchase amount.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per request; a retry with the same key returns the first result.");
    }
}

public sealed class VoidPurchaseInput
{
    public string ReceiptNumber { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
}

public sealed class VoidPurchaseInputType : InputObjectGraphType<VoidPurchaseInput>
{
    public VoidPurchaseInputType()
    {
        Name = "VoidPurchaseInput";
        Field(x => x.ReceiptNumber, type: typeof(NonNullGraphType<StringGraphType>)).Description("The receipt of the sale to cancel.");
        Field(x => x.IdempotencyKey, type: typeof(NonNullGraphType<StringGraphType>))
            .Description("Unique per request, at most 122 characters; a retry with the same key returns the first result.");
    }
}
