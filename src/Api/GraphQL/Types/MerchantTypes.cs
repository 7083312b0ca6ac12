using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Api.GraphQL.Types;

public sealed class MerchantType : ObjectGraphType<MerchantSettings>
{
    public MerchantType()
    {
        Name = "Merchant";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("IANA time zone id.").Resolve(c => c.Source.TimeZone);
        Field<NonNullGraphType<EarnRuleType>>("earnRule").Resolve(c => c.Source.EarnRule);
        Field<NonNullGraphType<ExpiryPolicyType>>("expiryPolicy")
            .Description("When credited points expire; NEVER until the owner sets a policy.")
            .Resolve(c => c.Source.Expiry ?? ExpiryPolicy.Never);
        Field<DecimalScalar>("pointValue")
            .Description("The money value of one point when paying with points; null when paying with points is off.")
            .Resolve(c => c.Source.PointValue);
    }
}

public sealed class ExpiryPolicyType : ObjectGraphType<ExpiryPolicy>
{
    public ExpiryPolicyType()
    {
        Name = "ExpiryPolicy";
        Description = "When credited points expire. A policy applies to credits made after it was set.";
        Field<NonNullGraphType<ExpiryPolicyKindType>>("kind").Description("The kind of policy.").Resolve(c => c.Source.Kind);
        Field<IntGraphType>("months")
            .Description("Months of validity for ROLLING and END_OF_MONTH; null for the other kinds.")
            .Resolve(c => c.Source.Kind is ExpiryPolicyKind.Rolling or ExpiryPolicyKind.EndOfMonth ? c.Source.Months : null);
        Field<IntGraphType>("month").Description("The month of a FIXED_DATE policy; null for the other kinds.")
            .Resolve(c => c.Source.Kind == ExpiryPolicyKind.FixedDate ? c.Source.Month : null);
        Field<IntGraphType>("day").Description("The day of a FIXED_DATE policy; null for the other kinds.")
            .Resolve(c => c.Source.Kind == ExpiryPolicyKind.FixedDate ? c.Source.Day : null);
    }
}

public sealed class EarnRuleType : ObjectGraphType<EarnRule>
{
    public EarnRuleType()
    {
        Name = "EarnRule";
        Description = "One point per spendPerPoint spent, rounded down per receipt; nothing below minimumSpend.";
        Field<NonNullGraphType<DecimalScalar>>("spendPerPoint").Resolve(c => c.Source.SpendPerPoint);
        Field<NonNullGraphType<DecimalScalar>>("minimumSpend").Resolve(c => c.Source.MinimumSpend);
    }
}

public sealed class ApiKeyType : ObjectGraphType<ApiKeyView>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("scope").Description("What the key may do: pos (collect points, look up members).").Resolve(c => c.Source.Scope);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("revokedAt").Resolve(c => c.Source.RevokedAt);
    }
}

public sealed class SignUpMerchantPayloadType : ObjectGraphType<SessionResult>
{
    public SignUpMerchantPayloadType()
    {
        Name = "SignUpMerchantPayload";
        Field<NonNullGraphType<MerchantType>>("merchant").Resolve(c => c.Source.Merchant);
        Field<NonNullGraphType<StringGraphType>>("token").Description("The owner's bearer token.").Resolve(c => c.Source.Token);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Description("When the token stops being accepted.").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyResult>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Resolve(c => c.Source.ApiKey);
        Field<NonNullGraphType<StringGraphType>>("secret").Description("The key itself, shown this once and stored only as a hash.").Resolve(c => c.Source.Secret);
    }
}
