using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Logging;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Members;

/// <summary>
/// A member's points. The balance and the expiry lots are caches of the ledger. On activation
/// the balance is loaded from the member's latest ledger row and the lots are rebuilt from the
/// latest snapshot plus the entries after it, so the earn path writes only the ledger row and no
/// grain state. Every <see cref="MemberOptions.SnapshotEvery"/> entries the grain stores a new
/// snapshot in the background. Calls are handled one at a time, which orders the member's
/// entries by sequence number.
/// </summary>
public sealed partial class MemberGrain(
    ILedgerWriter ledgerWriter,
    LedgerReader ledgerReader,
    MemberSnapshotStore snapshots,
    MemberDirectory memberDirectory,
    PointsClock clock,
    IOptions<MemberOptions> options,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    private const int RecentKeysKept = 64;
    private const int MaxHistoryPage = 100;

    private RecentEntries _recent = new(RecentKeysKept);
    private Guid _merchantId;
    private PhoneNumber _phone;
    private StoredMemberState _state = null!;
    private LotBook _lots = new();
    private long _snapshotSequence;
    private bool _stateIsStale = true;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_merchantId, _phone) = MemberKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<PointsChangeResult> CollectPoints(CollectPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesCollect(earlier, command));
        }

        var invalid = PointsRules.CheckCollect(command, clock.UtcNow)
            ?? LineItemCalculator.Check(command.Amount, command.Lines);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, e => MatchesCollect(e, command));
        }

        long points = await WithTierMultiplierAsync(await EarnedPointsAsync(command, settings.EarnRule), settings);
        var noRoom = points > PointsRules.MaxPointsPerEntry
            ? new PointspotError(ErrorCodes.InvalidPoints,
                $"The purchase would earn {points} points, more than the {PointsRules.MaxPointsPerEntry} one "
                + "receipt may earn: check the amount, the earn rule and the products' multipliers.")
            : CheckRoom(points);
        if (noRoom is not null)
        {
            return await RejectAsync(noRoom, command.IdempotencyKey, settings, e => MatchesCollect(e, command));
        }

        // The entry returned now must equal the entry read back later: the ledger keeps money
        // with two decimal places and instants in microseconds.
        var occurredAt = TruncateToMicroseconds(command.OccurredAt);
        var row = NewRow(LedgerEntryKind.Earn, points, command.IdempotencyKey, command.Actor.ToString(),
            occurredAt) with
        {
            Amount = decimal.Round(command.Amount, 2) + 0.00m,
            SpendPerPoint = settings.EarnRule.SpendPerPoint,
            ReceiptNumber = command.ReceiptNumber.Trim(),
        };
        var result = await AppendCreditAsync(row, settings, e => MatchesCollect(e, command));
        if (result.Error is null)
        {
            await IssuePurchaseCouponsAsync(command);
        }

        return result;
    }

    public async Task<PointsChangeResult> SendPoints(AdjustPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesAdjust(earlier, LedgerEntryKind.Send, command));
        }

        var invalid = PointsRules.CheckAdjust(command) ?? CheckRoom(command.Points);
        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings,
                e => MatchesAdjust(e, LedgerEntryKind.Send, command));
        }

        var row = NewRow(LedgerEntryKind.Send, command.Points, command.IdempotencyKey,
            command.Actor.ToString(), clock.UtcNow) with { Reason = command.Reason.Trim() };
        return await AppendCreditAsync(row, settings, e => MatchesAdjust(e, LedgerEntryKind.Send, command));
    }

    public async Task<PointsChangeResult> PullPoints(AdjustPointsCommand command)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return MerchantMissing();
        }

        await EnsureStateAsync();
        if (_recent.TryGet(command.IdempotencyKey, out var earlier))
        {
            return Replay(earlier, settings, MatchesAdjust(earlier, LedgerEntryKind.Pull, command));
        }

        Func<StoredLedgerEntry, bool> matches = e => MatchesAdjust(e, LedgerEntryKind.Pull, command);
        var invalid = PointsRules.CheckAdjust(command);
        if (invalid is null && await ExpireDueLotsAsync(settings) is { } expiryFailed)
        {
            return PointsChangeResult.Failed(expiryFailed.Code, expiryFailed.Message);
        }

        if (invalid is null && _state.Status is null)
        {
            invalid = new PointspotError(ErrorCodes.MemberNotFound,
                $"No member has phone number {_phone.National} at this merchant: nothing to pull.");
        }
        else if (invalid is null && _state.Balance < command.Points)
        {
            invalid = new PointspotError(ErrorCodes.InsufficientPoints,
                $"Member {_phone.National} has {_state.Balance} points, fewer than the {command.Points} "
                + "to pull: pull at most the balance.");
        }

        if (invalid is not null)
        {
            return await RejectAsync(invalid, command.IdempotencyKey, settings, matches);
        }

        var row = NewRow(LedgerEntryKind.Pull, -command.Points, command.IdempotencyKey,
            command.Actor.ToString(), clock.UtcNow) with { Reason = command.Reason.Trim() };
        return await AppendAsync(row, settings, matches);
    }

    public async Task<MemberView?> GetMember()
    {
        var settings = await GetMerchantSettingsAsync();
        await EnsureStateAsync();
        return settings is null ? null : ToMemberView(settings);
    }

    public async Task<HistoryPage> GetHistory(int first, long? before)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return new HistoryPage([], false);
        }

        int count = Math.Clamp(first, 0, MaxHistoryPage);
        var rows = await ledgerReader.ReadHistoryAsync(_merchantId, _phone.E164, count + 1, before);
        var entries = rows.Take(count).Select(row => ToEntryView(row, settings.TimeZone)).ToList();
        return new HistoryPage(entries, rows.Count > count);
    }

    public async Task<MemberResult> Register(MemberProfile profile)
    {
        var settings = await GetMerchantSettingsAsync();
        if (settings is null)
        {
            return new MemberResult(null, MerchantMissing().Error);
        }

        var today = DateOnly.FromDateTime(TimeZones.ToLocal(clock.UtcNow, settings.TimeZone).DateTime);
        var invalid = MemberRules.CheckProfile(profile, today);
        if (invalid is not null)
        {
            return new MemberResult(null, invalid);
        }

        await EnsureStateAsync();
        bool wasNew = _state.Status is null;
        await memberDirectory.RegisterAsync(_merchantId, _phone.E164, profile with { Name = profile.Name.Trim() });
        _stateIsStale = true;
        await EnsureStateAsync();
        if (wasNew)
        {
            await IssueWelcomeCouponsAsync();
        }
        return new MemberResult(ToMemberView(settings), null);
    }

    private async Task<PointsChangeResult> AppendAsync(
        LedgerRow row, MerchantSettings settings, Func<StoredLedgerEntry, bool> matches)
    {
        AppendOutcome outcome;
        try
        {
            outcome = await ledgerWriter.AppendAsync(row);
        }
        catch (LedgerUnavailableException exception)
        {
            // The commit may have happened: read the ledger again before the next change.
            _stateIsStale = true;
            LogLedgerUnavailable(exception, _merchantId, row.IdempotencyKey);
            return PointsChangeResult.Failed(ErrorCodes.Unavailable,
                "The points ledger is unavailable right now: retry with the same idempotency key.");
        }

        if (!outcome.Committed)
        {
            return await ResolveConflictAsync(row, settings, matches);
        }

        bool wasNew = _state.Status is null;
        _lots.Apply(new LotEntry(outcome.EntryId, row.Sequence, row.Kind, row.Points, row.ExpiresOn, row.ExpiresAt,
            row.ReversesEntryId));
        _state = _state with
        {
            Sequence = row.Sequence,
            Balance = row.BalanceAfter,
            LifetimePoints = row.LifetimeAfter,
            Status = _state.Status ?? MemberStatus.PendingSignUp,
            CreatedAt = _state.CreatedAt ?? outcome.RecordedAt,
        };
        ApplyToCard(row.Kind, row.Points, row.Amount, row.OccurredAt, settings.TimeZone);
        NudgeAutomation(row.Kind);
        var stored = new StoredLedgerEntry(outcome.EntryId, row.Phone, row.Sequence, row.Kind, row.Points,
            row.BalanceAfter, row.Amount, row.ReceiptNumber, row.Reason, row.IdempotencyKey, row.OccurredAt,
            outcome.RecordedAt, row.ExpiresOn, row.ExpiresAt, row.ReversesEntryId, row.PointValue,
            row.ShortfallPoints);
        _recent.Add(stored);
        if (row.Sequence - _snapshotSequence >= options.Value.SnapshotEvery)
        {
            StoreSnapshot(row.Sequence, row.BalanceAfter);
        }

        if (wasNew)
        {
            LogMemberCreated(PhoneMask.Mask(_phone.E164), _merchantId, row.Sequence);
            await IssueWelcomeCouponsAsync();
        }

        return new PointsChangeResult(ToEntryView(stored, settings.TimeZone), ToMemberView(settings), false, null);
    }

    /// <summary>
    /// Explains a row that the ledger did not insert. Either the idempotency key was used before
    /// (a replay or a reuse), or the receipt already earned, or another activation wrote this
    /// member's next sequence number. In the last case the state is reloaded and the caller retries.
    /// </summary>
    private async Task<PointsChangeResult> ResolveConflictAsync(
        LedgerRow row, MerchantSettings settings, Func<StoredLedgerEntry, bool> matches)
    {
        var earlier = await ledgerReader.FindByIdempotencyKeyAsync(_merchantId, row.IdempotencyKey);
        if (earlier is not null)
        {
            _stateIsStale = true;
            await EnsureStateAsync();
            return Replay(earlier, settings, earlier.Phone == _phone.E164 && matches(earlier));
        }

        if (row.Kind == LedgerEntryKind.Pay && row.ReceiptNumber is not null)
        {
            var paid = await ledgerReader.FindByReceiptAsync(_merchantId, row.ReceiptNumber, LedgerEntryKind.Pay);
            if (paid is not null)
            {
                return PointsChangeResult.Failed(ErrorCodes.ReceiptAlreadyPaid,
                    $"Receipt \"{row.ReceiptNumber}\" was already paid with {-paid.Points} points (entry {paid.EntryId}): "
                    + "a receipt is paid with points once. Ring up the sale again under a new receipt number.");
            }
        }

        if (row.Kind == LedgerEntryKind.Earn && row.ReceiptNumber is not null)
        {
            var paid = await ledgerReader.FindByReceiptAsync(_merchantId, row.ReceiptNumber, LedgerEntryKind.Pay);
            if (paid is not null && paid.Phone != _phone.E164)
            {
                return PointsChangeResult.Failed(ErrorCodes.ReceiptOfAnotherMember,
                    $"Receipt \"{row.ReceiptNumber}\" was paid with the points of another member: a receipt earns "
                    + "for the member who paid it. Send the purchase for that member, or a new receipt number.");
            }

            var earned = await ledgerReader.FindEarnByReceiptAsync(_merchantId, row.ReceiptNumber);
            if (earned is not null)
            {
                return PointsChangeResult.Failed(ErrorCodes.DuplicateReceipt,
                    $"Receipt \"{row.ReceiptNumber}\" already earned {earned.Points} points on "
                    + $"{TimeZones.ToLocal(earned.OccurredAt, settings.TimeZone):yyyy-MM-dd HH:mm}: "
                    + "a receipt earns once. Send a new receipt number for a new purchase.");
            }
        }

        // Only a second activation of this member, during a cluster membership change, writes
        // the same sequence number. Reloading lets the next attempt continue from the ledger.
        _stateIsStale = true;
        LogSequenceConflict(_merchantId, row.Sequence);
        return PointsChangeResult.Failed(ErrorCodes.Unavailable,
            "The member was changed elsewhere at the same moment: retry with the same idempotency key.");
    }

    /// <summary>
    /// Rejects an invalid request, unless its idempotency key already committed a matching entry
    /// (a retry whose first attempt succeeded before this activation), which is returned instead.
    /// </summary>
    private async Task<PointsChangeResult> RejectAsync(
        PointspotError error, string? idempotencyKey, MerchantSettings settings, Func<StoredLedgerEntry, bool> matches)
    {
        if (PointsRules.IsValidIdempotencyKey(idempotencyKey))
        {
            var earlier = await ledgerReader.FindByIdempotencyKeyAsync(_merchantId, idempotencyKey);
            if (earlier is not null)
            {
                return Replay(earlier, settings, earlier.Phone == _phone.E164 && matches(earlier));
            }
        }

        return new PointsChangeResult(null, null, false, error);
    }

    private PointsChangeResult Replay(StoredLedgerEntry earlier, MerchantSettings settings, bool sameRequest)
    {
        if (!sameRequest)
        {
            return PointsChangeResult.Failed(ErrorCodes.IdempotencyKeyReused,
                $"Idempotency key \"{earlier.IdempotencyKey}\" was already used for another request "
                + $"(entry {earlier.EntryId}): send a new key for a new request.");
        }

        return new PointsChangeResult(ToEntryView(earlier, settings.TimeZone), ToMemberView(settings), true, null);
    }

    private LedgerRow NewRow(LedgerEntryKind kind, long points, string idempotencyKey, string actor,
        DateTimeOffset occurredAt)
    {
        long balanceAfter = _state.Balance + points;
        long lifetimeAfter = points > 0 ? _state.LifetimePoints + points : _state.LifetimePoints;
        return new LedgerRow(_merchantId, _phone.E164, _state.Sequence + 1, kind, points, balanceAfter,
            lifetimeAfter, null, null, null, null, idempotencyKey, actor, occurredAt);
    }

    /// <summary>Returns an error when adding <paramref name="points"/> would overflow the balance or lifetime total.</summary>
    private PointspotError? CheckRoom(long points)
    {
        bool fits = points <= 0 || (long.MaxValue - _state.Balance >= points && long.MaxValue - _state.LifetimePoints >= points);
        return fits
            ? null
            : new PointspotError(ErrorCodes.InvalidPoints,
                $"Adding {points} points to member {_phone.National} would pass the largest balance Pointspot stores.");
    }

    private static bool MatchesCollect(StoredLedgerEntry entry, CollectPointsCommand command) =>
        entry.Kind == LedgerEntryKind.Earn
        && entry.Amount == command.Amount
        && entry.ReceiptNumber == command.ReceiptNumber.Trim()
        && entry.OccurredAt == TruncateToMicroseconds(command.OccurredAt);

    private static bool MatchesAdjust(StoredLedgerEntry entry, LedgerEntryKind kind, AdjustPointsCommand command) =>
        entry.Kind == kind && Math.Abs(entry.Points) == command.Points && entry.Reason == command.Reason?.Trim();

    /// <summary>Cuts an instant to the microseconds that PostgreSQL's timestamptz keeps.</summary>
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));

    private Task<MerchantSettings?> GetMerchantSettingsAsync() =>
        GrainFactory.GetGrain<IMerchantGrain>(_merchantId).GetSettings();

    private static PointsChangeResult MerchantMissing() =>
        PointsChangeResult.Failed(ErrorCodes.NotFound, "The merchant of this request does not exist.");

    private MemberView? ToMemberView(MerchantSettings settings)
    {
        if (_state.Status is not { } status)
        {
            return null;
        }

        var createdAt = TimeZones.ToLocal(_state.CreatedAt ?? clock.UtcNow, settings.TimeZone);
        return new MemberView(_phone.E164, status, _state.Balance, _state.LifetimePoints, _state.Profile, createdAt);
    }

    private static LedgerEntryView ToEntryView(StoredLedgerEntry entry, string timeZone) => new(
        entry.EntryId, entry.Sequence, entry.Kind, entry.Points, entry.Amount, entry.ReceiptNumber, entry.Reason,
        TimeZones.ToLocal(entry.OccurredAt, timeZone), TimeZones.ToLocal(entry.RecordedAt, timeZone),
        entry.BalanceAfter, entry.ExpiresOn, entry.ReversesEntryId, entry.PointValue, entry.ShortfallPoints);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning,
        Message = "Ledger unavailable for merchant {MerchantId}, idempotency key {IdempotencyKey}")]
    private partial void LogLedgerUnavailable(Exception exception, Guid merchantId, string idempotencyKey);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Sequence {Sequence} of a member of merchant {MerchantId} was written elsewhere; state reloaded")]
    private partial void LogSequenceConflict(Guid merchantId, long sequence);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug,
        Message = "Lot {LotEntryId} of a member of merchant {MerchantId} expired {Points} points")]
    private partial void LogLotExpired(Guid merchantId, long lotEntryId, long points);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error,
        Message = "Member of merchant {MerchantId} at sequence {Sequence}: balance {Balance} differs from its lots' {LotPoints}")]
    private partial void LogLotsMismatch(Guid merchantId, long sequence, long balance, long lotPoints);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Debug,
        Message = "New member {Phone} of merchant {MerchantId} created by entry {Sequence}")]
    private partial void LogMemberCreated(string phone, Guid merchantId, long sequence);
}
