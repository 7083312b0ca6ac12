using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
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
}

public sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInput>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("A label for the device, e.g. \"Counter 1\".");
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
