using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Automation;

/// <summary>One firing of a rule: the idempotency key of its effect names the rule, member and occasion.</summary>
public sealed record AutomationFiring(Guid MerchantId, AutomationRuleView Rule, PhoneNumber Phone, string Occasion)
{
    public string IdempotencyKey => $"automation:{Rule.Id:N}:{Phone.E164}:{Occasion}";
}

/// <summary>
/// What one kind of action checks and does. A new kind is one class registered in
/// AddPointspotGrains; the automation grain looks actions up by <see cref="Kind"/>.
/// </summary>
public interface IAutomationAction
{
    AutomationActionKind Kind { get; }

    /// <summary>Returns the problem of a rule with this action, or null.</summary>
    PointspotError? Check(AutomationRuleInput input);

    /// <summary>Returns the problem of what the rule names (a coupon campaign, say) at the merchant, or null.</summary>
    Task<PointspotError?> CheckTargetAsync(IGrainFactory grains, Guid merchantId, AutomationRuleInput input) =>
        Task.FromResult<PointspotError?>(null);

    /// <summary>
    /// Does the action once. It may run again for the same firing after a crash, so its effect
    /// must be keyed by <see cref="AutomationFiring.IdempotencyKey"/>.
    /// </summary>
    Task<PointspotError?> ExecuteAsync(IGrainFactory grains, AutomationFiring firing);
}

/// <summary>Credits the rule's points as an AUTOMATION ledger entry.</summary>
public sealed class AwardPointsAction : IAutomationAction
{
    public static readonly Actor Actor = new("automation", "rules");

    public AutomationActionKind Kind => AutomationActionKind.AwardPoints;

    public PointspotError? Check(AutomationRuleInput input)
    {
        if (input.Points is <= 0 or > Ledger.PointsRules.MaxPointsPerEntry)
        {
            return new PointspotError(ErrorCodes.InvalidAutomationRule,
                $"Rule \"{input.Name}\" awards {input.Points} points: give 1 to {Ledger.PointsRules.MaxPointsPerEntry}.");
        }

        return input.CampaignId is null
            ? null
            : new PointspotError(ErrorCodes.InvalidAutomationRule,
                $"Rule \"{input.Name}\" awards points but names campaign {input.CampaignId}: leave campaignId out, or use SEND_COUPON.");
    }

    public async Task<PointspotError?> ExecuteAsync(IGrainFactory grains, AutomationFiring firing)
    {
        var member = grains.GetGrain<IMemberGrain>(MemberKey.For(firing.MerchantId, firing.Phone));
        var result = await member.CreditBonus(new BonusPointsCommand(LedgerEntryKind.Automation, firing.Rule.Points,
            firing.Rule.Name, firing.IdempotencyKey, Actor));
        return result.Error;
    }
}
