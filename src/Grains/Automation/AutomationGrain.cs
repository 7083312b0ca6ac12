using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

using Pointspot.Grains.Members;

namespace Pointspot.Grains.Automation;

/// <summary>
/// Automation and referral rewards of one merchant, driven by the ledger. Each pass reads the
/// merchant's entries after a checkpoint stored in PostgreSQL. For each rule that an entry fires,
/// it inserts a firing row keyed by (rule, member, occasion), does the action under an idempotency
/// key that names the firing, and marks the firing complete. A restart reads again from the
/// checkpoint and finds the firings already there, so each rule fires once per member and occasion.
/// Rules on a member's state (SIGN_UP, BIRTHDAY_MONTH, NO_VISIT_DAYS) have no triggering entry:
/// the reminder scans the members for them and fires them through the same firing table.
/// </summary>
public sealed partial class AutomationGrain(
    AutomationStore store,
    ReferralStore referrals,
    MemberScanStore members,
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

    public async Task<int> ScanMembers()
    {
        var merchantId = this.GetPrimaryKey();
        var rules = (await store.ListRulesAsync(merchantId))
            .Where(rule => rule.Active && AutomationRules.IsMemberScan(rule.Trigger))
            .ToList();
        if (rules.Count == 0
            || await GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings() is not { } settings)
        {
            return 0;
        }

        var now = clock.UtcNow;
        int fired = 0;
        foreach (var rule in rules)
        {
            while (true)
            {
                var due = await members.FindDueAsync(merchantId, rule, now, settings.TimeZone, options.Value.BatchSize);
                foreach (var member in due.Where(member => !MemberPrivacyStore.IsPseudonym(member.Phone)))
                {
                    bool? firedHere = await FireAsync(merchantId, rule, PhoneNumber.FromE164(member.Phone),
                        member.Occasion, member.EntryId);
                    if (firedHere is null)
                    {
                        // The action was unavailable: the next tick scans again.
                        return fired;
                    }

                    fired += firedHere.Value ? 1 : 0;
                }

                // Completed firings drop out of the query, so the next batch starts where this one ended.
                if (due.Count < options.Value.BatchSize)
                {
                    break;
                }
            }
        }

        if (fired > 0)
        {
            LogMembersScanned(merchantId, rules.Count, fired);
        }

        return fired;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        await Nudge();
        try
        {
            await ScanMembers();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogScanFailed(exception, this.GetPrimaryKey());
        }
    }

    private Task StartAsync() => this.RegisterOrUpdateReminder(ReminderName, options.Value.Period, options.Value.Period);

    /// <summary>Fires what one entry triggers; returns how many firings completed, or null to stop the pass.</summary>
    private async Task<int?> ProcessAsync(Guid merchantId, AutomationEntry entry, List<AutomationRuleView> rules,
        ReferralProgram? program)
    {
        int fired = 0;
        if (MemberPrivacyStore.IsPseudonym(entry.Phone))
        {
            // The member was erased: nothing is given to a person who is no longer known.
            return 0;
        }

        var phone = PhoneNumber.FromE164(entry.Phone);
        foreach (var rule in rules)
        {
            if (AutomationRules.OccasionOf(rule, entry) is not { } occasion)
            {
                continue;
            }

            bool? firedHere = await FireAsync(merchantId, rule, phone, occasion, entry.EntryId);
            if (firedHere is null)
            {
                return null;
            }

            fired += firedHere.Value ? 1 : 0;
        }

        if (program is not null && entry.Kind == LedgerEntryKind.Earn && entry.VisitNumber == 1
            && !await RewardReferralAsync(merchantId, phone, program))
        {
            return null;
        }

        return fired;
    }

    /// <summary>
    /// Fires a rule for one member and occasion unless that firing completed before. Returns true
    /// when it completed now, false when it had completed before, and null when the action was
    /// unavailable and the firing stays pending for the next pass.
    /// </summary>
    private async Task<bool?> FireAsync(Guid merchantId, AutomationRuleView rule, PhoneNumber phone, string occasion,
        long? entryId)
    {
        var state = await store.BeginFiringAsync(merchantId, rule.Id, phone.E164, occasion, entryId);
        if (state == FiringState.Completed)
        {
            return false;
        }

        var firing = new AutomationFiring(merchantId, rule, phone, occasion);
        var error = await _actions[rule.Action].ExecuteAsync(GrainFactory, firing);
        if (error is { Code: ErrorCodes.Unavailable })
        {
            LogFiringDeferred(merchantId, rule.Id, phone.E164, occasion, error.Message);
            return null;
        }

        if (error is not null)
        {
            LogFiringFailed(merchantId, rule.Id, phone.E164, occasion, error.Code, error.Message);
        }

        await store.CompleteFiringAsync(rule.Id, phone.E164, occasion, error?.Code);
        return true;
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

        // An erased referrer gets nothing, and the referee still gets their side.
        bool referrerErased = MemberPrivacyStore.IsPseudonym(referral.ReferrerPhone);

        var sides = new[]
        {
            (Phone: referee, Points: program.RefereePoints, Key: $"referral:{referee.E164}:referee", Reason: "Referred by a friend"),
            (Phone: referrerErased ? referee : PhoneNumber.FromE164(referral.ReferrerPhone),
                Points: referrerErased ? 0 : program.ReferrerPoints,
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

    [LoggerMessage(EventId = 12119, Level = LogLevel.Information,
        Message = "Automation of merchant {MerchantId} scanned members for {Rules} rules and fired {Fired}")]
    private partial void LogMembersScanned(Guid merchantId, int rules, int fired);

    [LoggerMessage(EventId = 12120, Level = LogLevel.Error,
        Message = "Member scan of merchant {MerchantId} failed; the next reminder retries it")]
    private partial void LogScanFailed(Exception exception, Guid merchantId);
}
