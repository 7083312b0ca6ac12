using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Api.GraphQL;

public sealed class QueryType : ObjectGraphType
{
    public QueryType()
    {
        Name = "Query";

        Field<MemberType>("member")
            .Description("The member with this phone number at the caller's merchant, or null.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "A Thai mobile number in any common form, such as 081-234-5678 or +66812345678.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "member");
                var phone = ParsePhone(c.GetArgument<string>("phone"));
                return await c.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(caller.MerchantId, phone)).GetMember();
            });

        Field<NonNullGraphType<MerchantType>>("merchant")
            .Description("The caller's merchant.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "merchant");
                return await c.Request().Grains.GetGrain<IMerchantGrain>(caller.MerchantId).GetSettings();
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("The merchant's API keys, revoked ones included. Owner only.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireOwnerAsync("apiKeys");
                return await c.Request().Grains.GetGrain<IMerchantGrain>(caller.MerchantId).ListApiKeys();
            });

        Field<NonNullGraphType<PointsSummaryType>>("pointsSummary")
            .Description("Totals of the merchant's ledger, for reconciliation. Not for cashiers.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Read, "pointsSummary");
                return await c.Request().Grains.GetGrain<IMerchantGrain>(caller.MerchantId).GetPointsSummary();
            });

        CatalogFields.AddQueries(this);
        ClaimFields.AddQueries(this);
        ImportFields.AddQueries(this);
        StaffFields.AddQueries(this);
        AuditFields.AddQueries(this);
        MemberCardFields.AddQueries(this);
        AutomationFields.AddQueries(this);
        WheelFields.AddQueries(this);
        CouponFields.AddQueries(this);
        RewardFields.AddQueries(this);
        WebhookFields.AddQueries(this);
        PrivacyFields.AddQueries(this);
    }

    public static PhoneNumber ParsePhone(string? input)
    {
        if (!PhoneNumber.TryParse(input, out var phone, out string error))
        {
            throw new ExecutionError(error) { Code = ErrorCodes.InvalidPhone };
        }

        return phone;
    }
}
