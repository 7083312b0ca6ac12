using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;

namespace Pointspot.Api.GraphQL;

/// <summary>Queries and mutations of automation rules and referral.</summary>
public static class AutomationFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutomationRuleType>>>>("automationRules")
            .Description("The merchant's automation rules, oldest first. The owner, an admin or an admin key.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("automationRules");
                return await Automation(c, caller.MerchantId).ListRules();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<AutomationFiringType>>>>("automationFirings")
            .Description("The firings of the merchant's rules, oldest first, at most 1,000. The owner, an admin or an admin key.")
            .Argument<StringGraphType>("phone", "Only this member's firings; all members when omitted.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("automationFirings");
                string? phone = c.GetArgument<string?>("phone") is { } given ? QueryType.ParsePhone(given).E164 : null;
                return await Automation(c, caller.MerchantId).ListFirings(phone);
            });

        query.Field<ReferralProgramType>("referralProgram")
            .Description("The merchant's referral points; null when referral is off.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "referralProgram");
                return await Automation(c, caller.MerchantId).GetReferralProgram();
            });

        query.Field<NonNullGraphType<ReferralCodeType>>("referralCode")
            .Description("The member's referral code and link; the code is made on first request and stays the same.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "The member's phone number in any common form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "referralCode");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                var result = await Referrals(c, caller.MerchantId).GetCode(phone.E164);
                return Errors.OrThrow(result.Code, result.Error);
            });

        query.Field<ReferralType>("referral")
            .Description("Who referred the member with this phone number; null when nobody did.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "The member's phone number in any common form.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "referral");
                var phone = QueryType.ParsePhone(c.GetArgument<string>("phone"));
                return await Referrals(c, caller.MerchantId).GetReferral(phone.E164);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AutomationRuleType>>("addAutomationRule")
            .Description("Adds an automation rule; it fires for ledger entries written from then on, and for entries not yet processed. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<AddAutomationRuleInputType>>("input", "The rule's name, trigger and action.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("addAutomationRule");
                var input = c.GetArgument<AddAutomationRuleInput>("input");
                Guid? campaignId = input.CampaignId is null ? null : ParseId(input.CampaignId, "couponCampaigns");
                long threshold = input.Threshold
                    ?? (input.Trigger is AutomationTrigger.SignUp or AutomationTrigger.BirthdayMonth ? 1 : 0);
                var rule = new AutomationRuleInput(input.Name, input.Trigger, threshold, input.Action,
                    input.Points ?? 0, campaignId);
                var result = await Automation(c, caller.MerchantId).AddRule(rule, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Rule, result.Error);
            });

        mutation.Field<NonNullGraphType<AutomationRuleType>>("setAutomationRuleActive")
            .Description("Starts or stops an automation rule. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<SetAutomationRuleActiveInputType>>("input", "The rule's id and whether it runs.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setAutomationRuleActive");
                var input = c.GetArgument<SetActiveInput>("input");
                var result = await Automation(c, caller.MerchantId)
                    .SetRuleActive(ParseId(input.Id, "automationRules"), input.Active, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Rule, result.Error);
            });

        mutation.Field<NonNullGraphType<ReferralProgramType>>("setReferralProgram")
            .Description("Sets the points of each side of a referral, given after the referred member's first purchase. The owner, an admin or an admin key.")
            .Argument<NonNullGraphType<SetReferralProgramInputType>>("input", "The referrer's and the referee's points.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("setReferralProgram");
                var input = c.GetArgument<SetReferralProgramInput>("input");
                var result = await Automation(c, caller.MerchantId).SetReferralProgram(
                    new ReferralProgram(input.ReferrerPoints, input.RefereePoints), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Program, result.Error);
            });

        mutation.Field<NonNullGraphType<ReferralType>>("referMember")
            .Description("Records who referred a signed-up member, before the member's first purchase. Self-referral and referral loops are rejected.")
            .Argument<NonNullGraphType<ReferMemberInputType>>("input", "The referred member and the code.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.Counter, "referMember");
                var input = c.GetArgument<ReferMemberInput>("input");
                var phone = QueryType.ParsePhone(input.Phone);
                var result = await Referrals(c, caller.MerchantId).Refer(phone.E164, input.Code);
                return Errors.OrThrow(result.Referral, result.Error);
            });
    }

    /// <summary>Parses a Guid id argument, or raises INVALID_INPUT naming the query that lists valid ids.</summary>
    public static Guid ParseId(string value, string listQuery) =>
        Guid.TryParse(value, out Guid id)
            ? id
            : throw new ExecutionError($"id \"{value}\" is not an id: take one from the {listQuery} query.")
            { Code = ErrorCodes.InvalidInput };

    private static IAutomationGrain Automation(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IAutomationGrain>(merchantId);

    private static IReferralGrain Referrals(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IReferralGrain>(merchantId);
}
