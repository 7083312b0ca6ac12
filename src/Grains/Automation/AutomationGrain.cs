using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Automation;

/// <summary>
/// Automation and referral rewards of one merchant, driven by the ledger. Each pass reads the
/// merchant's entries after a checkpoint stored in PostgreSQL. For each rule that an entry fires,
/// it inserts a firing row keyed by (rule, member, occasion), does the action under an idempotency
/// key that names the firing, and marks the firing complete. A restart reads again from the
/// checkpoint and finds the firings already there, so each rule fires once per member and occasion.
/// </summary>
public sealed partial class AutomationGrain(
    AutomationStore store,
    ReferralStore referrals,
    IEnumerable<IAutomationAction> actionList,
    PointsClock clock,
    IOptions<AutomationOptions> options,
    ILogger<AutomationGrain> logger) : Grain, IAutomationGrain, IRemindable
{
    public const string ReminderName = "automation-catch-up";

    public static readonly Actor ReferralActor = new("automation", "referral");

    private readonly Dictionary<AutomationActionKind, IAutomationAction> _actions =
        actionList.ToDictionary(action => action.Kind);

    private bool _catchingUp;
    private bool _nudgedMeanwhile;

    // Null until read; false while the merchant has no active rule and no referral program, so
    // the nudges of its earns cost no query.
    private bool? _hasWork;

    public async Task<AutomationRuleResult> AddRule(AutomationRuleInput input, Actor actor)
    {
        var merchantId = this.GetPrimaryKey();
        if (await GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings() is null)
        {
            return new AutomationRuleResult(null, MerchantMissing());
        }

        if (AutomationRules.Check(input, _actions) is { } invalid)
        {
            return new AutomationRuleResult(null, invalid);
        }

        if (await _actions[input.Action].CheckTargetAsync(GrainFactory, merchantId, input) is { } missing)
        {
            return new AutomationRuleResult(null, missing);
        }

        var existing = await store.ListRulesAsync(merchantId);
        if (existing.Count >= AutomationRules.MaxRules)
        {
            return new AutomationRuleResult(null, new PointspotError(ErrorCodes.LimitReached,
                $"The merchant has {existing.Count} automation rules, the limit: stop or reuse a rule."));
        }

        var rule = new AutomationRuleView(Guid.NewGuid(), input.Name.Trim(), input.Trigger, input.Threshold,
            input.Action, input.Points, true, default, input.CampaignId);
        await StartAsync();
        rule = await store.InsertRuleAsync(merchantId, rule);
        _hasWork = true;
        LogRuleAdded(merchantId, rule.Id, rule.Trigger, rule.Threshold, actor.ToString());
        return new AutomationRuleResult(rule, null);
    }

    public async Task<AutomationRuleResult> SetRuleActive(Guid ruleId, bool active, Actor actor)
    {
        var rule = await store.SetRuleActiveAsync(this.GetPrimaryKey(), ruleId, active);
        if (rule is null)
        {
            return new AutomationRuleResult(null, new PointspotError(ErrorCodes.NotFound,
                $"No automation rule {ruleId} exists at this merchant: list the rules with automationRules."));
        }

        _hasWork = null;
        LogRuleActiveSet(this.GetPrimaryKey(), ruleId, active, actor.ToString());
        return new AutomationRuleResult(rule, null);
    }

    public async Task<IReadOnlyList<AutomationRuleView>> ListRules() => await store.ListRulesAsync(this.GetPrimaryKey());

    public async Task<IReadOnlyList<AutomationFiringView>> ListFirings(string? phone) =>
        await store.ListFiringsAsync(this.GetPrimaryKey(), phone);

    public async Task<ReferralProgramResult> SetReferralProgram(ReferralProgram program, Actor actor)
    {
        var merchantId = this.GetPrimaryKey();
        if (await GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings() is null)
        {
            return new ReferralProgramResult(null, MerchantMissing());
        }

        foreach (var (side, points) in new[] { ("referrerPoints", program.ReferrerPoints), ("refereePoints", program.RefereePoints) })
        {
            if (points < 0 || points > PointsRules.MaxPointsPerEntry)
            {
                return new ReferralProgramResult(null, new PointspotError(ErrorCodes.InvalidReferralProgram,
                    $"{side} is {points}: give 0 to {PointsRules.MaxPointsPerEntry} points (0 gives that side nothing)."));
            }
        }

        await StartAsync();
        await referrals.SetProgramAsync(merchantId, program);
        _hasWork = true;
        LogReferralProgramSet(merchantId, program.ReferrerPoints, program.RefereePoints, actor.ToString());
        return new ReferralProgramResult(program, null);
    }

    public Task<ReferralProgram?> GetReferralProgram() => referrals.GetProgramAsync(this.GetPrimaryKey());

    public async Task<AutomationRunResult> CatchUp()
    {
        var merchantId = this.GetPrimaryKey();
        var rules = (await store.ListRulesAsync(merchantId)).Where(rule => rule.Active).ToList();
        var program = await referrals.GetProgramAsync(merchantId);
        _hasWork = rules.Count > 0 || program is not null;
        long checkpoint = await store.ReadCheckpointAsync(merchantId);
        long readFrom = checkpoint;
        bool settled = true;
        int read = 0;
        int fired = 0;
        var settledBefore = clock.UtcNow - options.Value.SettleTime;

        while (true)
        {
            var entries = await store.ReadEntriesAsync(merchantId, readFrom, options.Value.BatchSize);
            foreach (var entry in entries)
            {
                int? firedHere = await ProcessAsync(merchantId, entry, rules, program);
                if (firedHere is null)
                {
                    // The ledger or a member was unavailable: stop here and resume from this entry.
                    await store.WriteCheckpointAsync(merchantId, checkpoint);
                    return new AutomationRunResult(read, fired, checkpoint);
                }

                read++;
                fired += firedHere.Value;
                settled &= entry.RecordedAt < settledBefore;
                if (settled)
                {
                    checkpoint = entry.EntryId;
                }
            }

            if (entries.Count < options.Value.BatchSize)
            {
                break;
            }

            readFrom = entries[^1].EntryId;
        }

        await store.WriteCheckpointAsync(merchantId, checkpoint);
        if (fired > 0)
        {
            LogCaughtUp(merchantId, read, fired, checkpoint);
        }

        return new AutomationRunResult(read, fired, checkpoint);
    }

    public async Task Nudge()
    {
        // Nudges interleave: one pass runs at a time, and a nudge during it requests one more.
        if (_catchingUp)
        {
            _nudgedMeanwhile = true;
            return;
        }

        _catchingUp = true;
        try
        {
            _hasWork ??= (await store.ListRulesAsync(this.GetPrimaryKey())).Any(rule => rule.Active)
                || await referrals.GetProgramAsync(this.GetPrimaryKey()) is not null;
            if (_hasWork == false)
            {
                return;
            }

            do
            {
                _nudgedMeanwhile = false;
                await CatchUp();
            }
            while (_nudgedMeanwhile);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogCatchUpFailed(exception, this.GetPrimaryKey());
        }
        finally
        {
            _catchingUp = false;
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? Nudge() : Task.CompletedTask;

    private Task StartAsync() => this.RegisterOrUpdateReminder(ReminderName, options.Value.Period, options.Value.Period);

    /// <summary>Fires what one entry triggers; returns how many firings completed, or null to stop the pass.</summary>
    private async Task<int?> ProcessAsync(Guid merchantId, AutomationEntry entry, List<AutomationRuleView> rules,
        ReferralProgram? program)
    {
        int fired = 0;
        var phone = PhoneNumber.FromE164(entry.Phone);
        foreach (var rule in rules)
        {
            if (AutomationRules.OccasionOf(rule, entry) is not { } occasion)
            {
                continue;
            }

            var firing = new AutomationFiring(merchantId, rule, phone, occasion);
            var state = await store.BeginFiringAsync(merchantId, rule.Id, entry.Phone, occasion, entry.EntryId);
            if (state == FiringState.Completed)
            {
                continue;
            }

            var error = await _actions[rule.Action].ExecuteAsync(GrainFactory, firing);
            if (error is { Code: ErrorCodes.Unavailable })
            {
                LogFiringDeferred(merchantId, rule.Id, entry.Phone, occasion, error.Message);
                return null;
            }

            if (error is not null)
            {
                LogFiringFailed(merchantId, rule.Id, entry.Phone, occasion, error.Code, error.Message);
            }

            await store.CompleteFiringAsync(rule.Id, entry.Phone, occasion, error?.Code);
            fired++;
        }

        if (program is not null && entry.Kind == LedgerEntryKind.Earn && entry.VisitNumber == 1
            && !await RewardReferralAsync(merchantId, phone, program))
        {
            return null;
        }

        return fired;
    }

    /// <summary>
    /// Credits both sides of the referee's referral, if any and not rewarded yet. The two entries
    /// are keyed by the referee, so a repeat writes nothing. Returns false to stop the pass.
    /// </summary>
    private async Task<bool> RewardReferralAsync(Guid merchantId, PhoneNumber referee, ReferralProgram program)
    {
        var referral = await referrals.GetReferralAsync(merchantId, referee.E164);
        if (referral is null || referral.RewardedAt is not null)
        {
            return true;
        }

        var sides = new[]
        {
            (Phone: referee, Points: program.RefereePoints, Key: $"referral:{referee.E164}:referee", Reason: "Referred by a friend"),
            (Phone: PhoneNumber.FromE164(referral.ReferrerPhone), Points: program.ReferrerPoints,
                Key: $"referral:{referee.E164}:referrer", Reason: $"Referred {referee.National}"),
        };
        foreach (var side in sides.Where(side => side.Points > 0))
        {
            var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(merchantId, side.Phone));
            var result = await member.CreditBonus(new BonusPointsCommand(LedgerEntryKind.Referral, side.Points,
                side.Reason, side.Key, ReferralActor));
            if (result.Error is { Code: ErrorCodes.Unavailable })
            {
                return false;
            }

            if (result.Error is not null)
            {
                LogReferralFailed(merchantId, referee.E164, side.Phone.E164, result.Error.Code, result.Error.Message);
            }
        }

        await referrals.MarkRewardedAsync(merchantId, referee.E164);
        return true;
    }

    private static PointspotError MerchantMissing() =>
        new(ErrorCodes.NotFound, "The merchant of this request does not exist.");

    [LoggerMessage(EventId = 12111, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} added automation rule {RuleId} ({Trigger} {Threshold}) by {Actor}")]
    private partial void LogRuleAdded(Guid merchantId, Guid ruleId, AutomationTrigger trigger, long threshold, string actor);

    [LoggerMessage(EventId = 12112, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} set automation rule {RuleId} active {Active} by {Actor}")]
    private partial void LogRuleActiveSet(Guid merchantId, Guid ruleId, bool active, string actor);

    [LoggerMessage(EventId = 12113, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} set referral points to {ReferrerPoints} for the referrer and {RefereePoints} for the referee by {Actor}")]
    private partial void LogReferralProgramSet(Guid merchantId, long referrerPoints, long refereePoints, string actor);

    [LoggerMessage(EventId = 12114, Level = LogLevel.Information,
        Message = "Automation of merchant {MerchantId} read {Entries} entries, fired {Fired}, checkpoint {Checkpoint}")]
    private partial void LogCaughtUp(Guid merchantId, int entries, int fired, long checkpoint);

    [LoggerMessage(EventId = 12115, Level = LogLevel.Warning,
        Message = "Automation of merchant {MerchantId}: rule {RuleId} for {Phone} ({Occasion}) deferred to the next pass: {Problem}")]
    private partial void LogFiringDeferred(Guid merchantId, Guid ruleId, string phone, string occasion, string problem);

    [LoggerMessage(EventId = 12116, Level = LogLevel.Error,
        Message = "Automation of merchant {MerchantId}: rule {RuleId} for {Phone} ({Occasion}) failed with {Code}: {Problem}")]
    private partial void LogFiringFailed(Guid merchantId, Guid ruleId, string phone, string occasion, string code, string problem);

    [LoggerMessage(EventId = 12117, Level = LogLevel.Error,
        Message = "Referral reward of merchant {MerchantId}, referee {RefereePhone}, to {Phone} failed with {Code}: {Problem}")]
    private partial void LogReferralFailed(Guid merchantId, string refereePhone, string phone, string code, string problem);

    [LoggerMessage(EventId = 12118, Level = LogLevel.Error,
        Message = "Automation pass of merchant {MerchantId} failed; the next nudge or reminder retries it")]
    private partial void LogCatchUpFailed(Exception exception, Guid merchantId);
}
