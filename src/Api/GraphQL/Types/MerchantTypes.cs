using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Api.GraphQL.Types;

public sealed class MerchantType : ObjectGraphType<MerchantSettings>
{
    public MerchantType()
    {
        Name = "Merchant";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The merchant's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The shop's name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("timeZone").Description("IANA time zone id.").Resolve(c => c.Source.TimeZone);
        Field<NonNullGraphType<EarnRuleType>>("earnRule").Description("How purchases earn points.").Resolve(c => c.Source.EarnRule);
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
        Field<NonNullGraphType<DecimalScalar>>("spendPerPoint").Description("The spend that earns one point, for example 25.00; points are rounded down per receipt.").Resolve(c => c.Source.SpendPerPoint);
        Field<NonNullGraphType<DecimalScalar>>("minimumSpend").Description("The smallest receipt amount that earns points; smaller purchases earn 0.").Resolve(c => c.Source.MinimumSpend);
    }
}

public sealed class ApiKeyType : ObjectGraphType<ApiKeyView>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The key's id, for revokeApiKey.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The name given at creation, such as the POS device.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("scope").Description("What the key may do: pos (collect, redeem, look up), partner (read and subscribe) or admin (what an admin may do).").Resolve(c => c.Source.Scope);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the key was created.").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("revokedAt").Description("When the key was revoked; null while it works.").Resolve(c => c.Source.RevokedAt);
    }
}

public sealed class SignUpMerchantPayloadType : ObjectGraphType<SessionResult>
{
    public SignUpMerchantPayloadType()
    {
        Name = "SignUpMerchantPayload";
        Field<NonNullGraphType<MerchantType>>("merchant").Description("The merchant signed up or signed in to.").Resolve(c => c.Source.Merchant);
        Field<NonNullGraphType<StringGraphType>>("token").Description("The short-lived bearer token of the signed-in staff member.").Resolve(c => c.Source.Token);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Description("When the token stops being accepted; get the next one with refreshSession.").Resolve(c => c.Source.ExpiresAt);
        Field<NonNullGraphType<StringGraphType>>("refreshToken")
            .Description("A single-use token for refreshSession; each refresh returns a new one. Keep it secret.")
            .Resolve(c => c.Source.RefreshToken);
        Field<NonNullGraphType<DateTimeScalar>>("refreshTokenExpiresAt")
            .Description("When the refresh token stops being accepted; then sign in again.")
            .Resolve(c => c.Source.RefreshExpiresAt);
        Field<NonNullGraphType<StringGraphType>>("role").Description("The staff member's role: owner, admin or cashier.").Resolve(c => c.Source.Role);
    }
}

public sealed class CreateApiKeyPayloadType : ObjectGraphType<CreateApiKeyResult>
{
    public CreateApiKeyPayloadType()
    {
        Name = "CreateApiKeyPayload";
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Description("The new key; its secret is in secret and is shown only now.").Resolve(c => c.Source.ApiKey);
        Field<NonNullGraphType<StringGraphType>>("secret").Description("The key itself, shown this once and stored only as a hash.").Resolve(c => c.Source.Secret);
    }
}
