using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Automation;

namespace Pointspot.Api.GraphQL.Types;

public sealed class AutomationTriggerType : EnumerationGraphType
{
    public AutomationTriggerType()
    {
        Name = "AutomationTrigger";
        Description = "What an automation rule waits for. A rule fires once per member and occasion.";
        Add("NTH_VISIT", AutomationTrigger.NthVisit, "The member's purchase number `threshold`, counting purchases that earned from 1.");
        Add("POINTS_THRESHOLD", AutomationTrigger.PointsThreshold, "The first credit that brings the member's lifetimePoints to `threshold` or more.");
        Add("SIGN_UP", AutomationTrigger.SignUp, "The member registered after the rule was added. Occasion sign-up.");
        Add("BIRTHDAY_MONTH", AutomationTrigger.BirthdayMonth, "The member's birth month in the merchant's time zone, once a year. Occasion birthday-<year>.");
        Add("NO_VISIT_DAYS", AutomationTrigger.NoVisitDays, "`threshold` days have passed since the member's last purchase that earned. "
            + "Occasion no-visit-since-<local date of that purchase>.");
    }
}

public sealed class AutomationActionType : EnumerationGraphType
{
    public AutomationActionType()
    {
        Name = "AutomationAction";
        Description = "What an automation rule does when it fires.";
        Add("AWARD_POINTS", AutomationActionKind.AwardPoints, "Credits `points` to the member as an AUTOMATION ledger entry.");
        Add("SEND_COUPON", AutomationActionKind.SendCoupon, "Issues a coupon of the campaign `campaignId` to the member, "
            + "with the occasion key automation:<rule id>:<phone>:<occasion>.");
    }
}

public sealed class AutomationRuleType : ObjectGraphType<AutomationRuleView>
{
    public AutomationRuleType()
    {
        Name = "AutomationRule";
        Description = "A rule that acts on its own when a member's ledger meets its trigger.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The rule's id, for setAutomationRuleActive.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Description("The rule's name; AWARD_POINTS entries carry it as their reason.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<AutomationTriggerType>>("trigger").Description("What the rule waits for.").Resolve(c => c.Source.Trigger);
        Field<NonNullGraphType<LongGraphType>>("threshold").Description("The visit number, the lifetime points or the days without a visit of the trigger; 1 for SIGN_UP and BIRTHDAY_MONTH.").Resolve(c => c.Source.Threshold);
        Field<NonNullGraphType<AutomationActionType>>("action").Description("What the rule does.").Resolve(c => c.Source.Action);
        Field<NonNullGraphType<LongGraphType>>("points").Description("The points AWARD_POINTS credits; 0 for SEND_COUPON.").Resolve(c => c.Source.Points);
        Field<IdGraphType>("campaignId").Description("The coupon campaign SEND_COUPON issues from; null for AWARD_POINTS.").Resolve(c => c.Source.CampaignId?.ToString());
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("A stopped rule does not fire, not even later for entries written while it was stopped.").Resolve(c => c.Source.Active);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the rule was added.").Resolve(c => c.Source.CreatedAt);
    }
}

public sealed class AutomationFiringType : ObjectGraphType<AutomationFiringView>
{
    public AutomationFiringType()
    {
        Name = "AutomationFiring";
        Description = "One firing of a rule for a member.";
        Field<NonNullGraphType<IdGraphType>>("ruleId").Description("The rule that fired.").Resolve(c => c.Source.RuleId.ToString());
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member, in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<StringGraphType>>("occasion").Description("What made the rule fire, such as visit-3; a rule fires once per member and occasion.").Resolve(c => c.Source.Occasion);
        Field<LongGraphType>("entryId").Description("The ledger entry that met the trigger, or the last purchase of NO_VISIT_DAYS; null for SIGN_UP and BIRTHDAY_MONTH.").Resolve(c => c.Source.EntryId);
        Field<NonNullGraphType<DateTimeScalar>>("firedAt").Description("When the firing was recorded.").Resolve(c => c.Source.FiredAt);
        Field<DateTimeScalar>("completedAt").Description("When the action finished or failed for good; null while it is pending.").Resolve(c => c.Source.CompletedAt);
        Field<StringGraphType>("errorCode").Description("The error code of an action that failed for good, such as COUPON_EXHAUSTED; "
            + "such a firing is not tried again. Null when the action succeeded or is pending.").Resolve(c => c.Source.ErrorCode);
    }
}

public sealed class ReferralProgramType : ObjectGraphType<ReferralProgram>
{
    public ReferralProgramType()
    {
        Name = "ReferralProgram";
        Description = "The points each side of a referral gets after the referred member's first purchase.";
        Field<NonNullGraphType<LongGraphType>>("referrerPoints").Description("Points for the member who shared the code.").Resolve(c => c.Source.ReferrerPoints);
        Field<NonNullGraphType<LongGraphType>>("refereePoints").Description("Points for the member who signed up with it.").Resolve(c => c.Source.RefereePoints);
    }
}

public sealed class ReferralCodeType : ObjectGraphType<ReferralCodeView>
{
    public ReferralCodeType()
    {
        Name = "ReferralCode";
        Description = "A member's referral code and link.";
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The code's owner, in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<StringGraphType>>("code").Description("8 letters and digits, for referMember.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>>("link").Description("The path of the member page with the code filled in; prefix it with the site's address.").Resolve(c => c.Source.Link);
    }
}

public sealed class ReferralType : ObjectGraphType<ReferralView>
{
    public ReferralType()
    {
        Name = "Referral";
        Description = "Who referred a member.";
        Field<NonNullGraphType<StringGraphType>>("refereePhone").Description("The referred member, in E.164 form.").Resolve(c => c.Source.RefereePhone);
        Field<NonNullGraphType<StringGraphType>>("referrerPhone").Description("The member whose code was used, in E.164 form.").Resolve(c => c.Source.ReferrerPhone);
        Field<NonNullGraphType<DateTimeScalar>>("referredAt").Description("When the referral was recorded.").Resolve(c => c.Source.ReferredAt);
        Field<DateTimeScalar>("rewardedAt").Description("When both sides got their points; null until the referred member's first purchase is processed.").Resolve(c => c.Source.RewardedAt);
    }
}

public sealed class AddAutomationRuleInput
{
    public string Name { get; set; } = "";
    public AutomationTrigger Trigger { get; set; }
    public long? Threshold { get; set; }
    public AutomationActionKind Action { get; set; }
    public long? Points { get; set; }
    public string? CampaignId { get; set; }
}

public sealed class AddAutomationRuleInputType : InputObjectGraphType<AddAutomationRuleInput>
{
    public AddAutomationRuleInputType()
    {
        Name = "AddAutomationRuleInput";
        Description = "A new automation rule. Rules cannot be changed: stop one and add another.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("1 to 100 characters.");
        Field(x => x.Trigger, type: typeof(NonNullGraphType<AutomationTriggerType>)).Description("What the rule waits for.");
        Field(x => x.Threshold, type: typeof(LongGraphType)).Description("The visit number (NTH_VISIT) or lifetime points (POINTS_THRESHOLD), 1 or more; "
            + "the days without a visit (NO_VISIT_DAYS), 1 to 3,650; 1 or omitted for SIGN_UP and BIRTHDAY_MONTH.");
        Field(x => x.Action, type: typeof(NonNullGraphType<AutomationActionType>)).Description("What the rule does.");
        Field(x => x.Points, type: typeof(LongGraphType)).Description("AWARD_POINTS: the points to credit, 1 or more. SEND_COUPON: 0 or omitted.");
        Field(x => x.CampaignId, type: typeof(IdGraphType)).Description("SEND_COUPON: the id of the coupon campaign to issue from. AWARD_POINTS: omitted.");
    }
}

public sealed class SetActiveInput
{
    public string Id { get; set; } = "";
    public bool Active { get; set; }
}

public sealed class SetAutomationRuleActiveInputType : InputObjectGraphType<SetActiveInput>
{
    public SetAutomationRuleActiveInputType()
    {
        Name = "SetAutomationRuleActiveInput";
        Description = "Starts or stops a rule.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The rule's id.");
        Field(x => x.Active, type: typeof(NonNullGraphType<BooleanGraphType>)).Description("True to start the rule, false to stop it.");
    }
}

public sealed class SetReferralProgramInput
{
    public long ReferrerPoints { get; set; }
    public long RefereePoints { get; set; }
}

public sealed class SetReferralProgramInputType : InputObjectGraphType<SetReferralProgramInput>
{
    public SetReferralProgramInputType()
    {
        Name = "SetReferralProgramInput";
        Description = "The points of each side of a referral.";
        Field(x => x.ReferrerPoints, type: typeof(NonNullGraphType<LongGraphType>)).Description("Points for the member who shared the code, 0 or more.");
        Field(x => x.RefereePoints, type: typeof(NonNullGraphType<LongGraphType>)).Description("Points for the member who signed up with it, 0 or more.");
    }
}

public sealed class ReferMemberInput
{
    public string Phone { get; set; } = "";
    public string Code { get; set; } = "";
}

public sealed class ReferMemberInputType : InputObjectGraphType<ReferMemberInput>
{
    public ReferMemberInputType()
    {
        Name = "ReferMemberInput";
        Description = "A signed-up member who has not purchased yet, and the referral code they came with.";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The referred member's phone number in any common form.");
        Field(x => x.Code, type: typeof(NonNullGraphType<StringGraphType>)).Description("The referrer's code, in any letter case.");
    }
}
