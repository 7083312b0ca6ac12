using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Coupons;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Rewards;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Rewards;

/// <summary>
/// A reward and its redemptions. Calls run one at a time and every grant takes stock in a
/// transaction that locks the reward row, so stock and per-member limits are exact.
/// </summary>
public sealed partial class RewardGrain(
    RewardStore rewards, RedemptionStore redemptions, PointsClock clock, ILogger<RewardGrain> logger)
    : Grain, IRewardGrain
{
    /// <summary>How long a counter code works.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Wrong codes after which a pending redemption is cancelled, so 6 digits cannot be guessed.</summary>
    public const int MaxWrongCodes = 5;

    private Guid _merchantId;
    private Guid _rewardId;
    private RewardView? _reward;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_merchantId, _rewardId) = RewardKey.Parse(this.GetPrimaryKeyString());
        _reward = await rewards.LoadAsync(_merchantId, _rewardId);
    }

    public async Task<RewardResult> Create(RewardDefinition fields, Actor actor)
    {
        if (_reward is not null)
        {
            return new RewardResult(null, new PointspotError(ErrorCodes.InvalidInput,
                $"Reward {_rewardId} exists already: create a reward under a new id."));
        }

        var settings = await GrainFactory.GetGrain<IMerchantGrain>(_merchantId).GetSettings();
        if (settings is null || !TimeZones.TryFind(settings.TimeZone, out var zone))
        {
            return new RewardResult(null, new PointspotError(ErrorCodes.NotFound, "The merchant of this request does not exist."));
        }

        var normalized = RewardRules.Normalize(fields);
        if (RewardRules.Check(normalized) is { } invalid)
        {
            return new RewardResult(null, invalid);
        }

        var startsAt = ExpiryCalculator.EndOfDay(normalized.ValidFrom.AddDays(-1), zone);
        var endsAt = ExpiryCalculator.EndOfDay(normalized.ValidThrough, zone);
        _reward = await rewards.InsertAsync(_merchantId, _rewardId, normalized, startsAt, endsAt, actor.ToString());
        LogRewardCreated(_merchantId, _rewardId, actor.ToString());
        return new RewardResult(_reward, null);
    }

    public async Task<RewardResult> SetActive(bool active, Actor actor)
    {
        if (_reward is null)
        {
            return new RewardResult(null, NotFound());
        }

        _reward = await rewards.SetActiveAsync(_merchantId, _rewardId, active) ?? _reward;
        return new RewardResult(_reward, null);
    }

    public async Task<RewardView?> Get()
    {
        _reward = await rewards.LoadAsync(_merchantId, _rewardId);
        return _reward;
    }

    public async Task<RedemptionCodeResult> RequestCode(string phoneInput, Actor actor)
    {
        var (phone, refusal) = CheckRequest(phoneInput, RewardKind.Redeemable);
        if (refusal is not null)
        {
            return new RedemptionCodeResult(null, null, refusal);
        }

        var reward = _reward!;
        var member = await GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(_merchantId, phone)).GetMember();
        refusal = member is null
            ? MemberMissing(phone)
            : member.Balance < reward.Definition.PointsCost
                ? new PointspotError(ErrorCodes.InsufficientPoints,
                    $"Member {phone.National} has {member.Balance} points, fewer than the {reward.Definition.PointsCost} "
                    + $"that \"{reward.Definition.Name}\" costs: collect more points first, or choose a cheaper reward.")
                : await CheckStockAndLimitAsync(reward, phone);
        if (refusal is not null)
        {
            return new RedemptionCodeResult(null, null, refusal);
        }

        string code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var redemptionView = await redemptions.InsertPendingAsync(_merchantId, _rewardId, phone.E164,
            reward.Definition.PointsCost, CodeHash(phone, code), clock.UtcNow + CodeLifetime, actor.ToString());
        LogCodeRequested(_merchantId, _rewardId, redemptionView.Id);
        return new RedemptionCodeResult(redemptionView, code, null);
    }

    public async Task<RedemptionResult> Confirm(string phoneInput, string code, Actor actor)
    {
        if (!PhoneNumber.TryParse(phoneInput, out var phone, out string phoneError))
        {
            return Failed(new PointspotError(ErrorCodes.InvalidPhone, phoneError));
        }

        if (_reward is null)
        {
            return Failed(NotFound());
        }

        var latest = await redemptions.FindLatestCodeAsync(_rewardId, phone.E164);
        bool matches = latest?.CodeHash is { } hash
            && CryptographicOperations.FixedTimeEquals(hash, CodeHash(phone, (code ?? "").Trim()));
        if (latest is null || latest.View.Status == RedemptionStatus.Cancelled
            || (latest.View.Status != RedemptionStatus.Pending && !matches))
        {
            return Failed(new PointspotError(ErrorCodes.RedemptionCodeInvalid,
                $"Member {phone.National} has no open code for \"{_reward.Definition.Name}\": "
                + "ask the member to request a new code and type it in."));
        }

        var redemption = latest.View;
        if (redemption.Status == RedemptionStatus.Confirmed)
        {
            // The counter retried a confirmation that went through.
            return new RedemptionResult(redemption, null, true, null);
        }

        if (redemption.Status == RedemptionStatus.Pending)
        {
            var refusal = await CheckPendingAsync(latest, phone, matches, actor);
            if (refusal is not null)
            {
                return Failed(refusal);
            }
        }

        return await SpendAsync(redemption, phone, actor);
    }

    public async Task<RedemptionResult> Give(GiveRewardCommand command)
    {
        var (phone, refusal) = CheckRequest(command.Phone, kind: null);
        refusal ??= PointsRules.CheckText("occasionKey", command.OccasionKey, CampaignRules.MaxOccasionKeyLength);
        if (refusal is not null)
        {
            return Failed(refusal);
        }

        var reward = _reward!;
        var (given, replayed, giftRefusal) = await redemptions.GiveAsync(_merchantId, _rewardId, phone.E164,
            command.OccasionKey, reward.Definition.PerMemberLimit, command.Actor.ToString());
        if (given is null)
        {
            return Failed(Explain(giftRefusal, reward, phone));
        }

        if (!replayed)
        {
            LogRewardGiven(_merchantId, _rewardId, given.Id, command.OccasionKey);
        }

        return new RedemptionResult(given, null, replayed, null);
    }

    /// <summary>Checks the code of a pending redemption and takes stock; returns the refusal, or null.</summary>
    private async Task<PointspotError?> CheckPendingAsync(StoredRedemption pending, PhoneNumber phone, bool matches, Actor actor)
    {
        var redemption = pending.View;
        if (!matches)
        {
            int attempts = await redemptions.RecordWrongCodeAsync(redemption.Id, MaxWrongCodes);
            int left = MaxWrongCodes - attempts;
            return new PointspotError(ErrorCodes.RedemptionCodeInvalid, left > 0
                ? $"The code does not match the one shown to member {phone.National}: type it again ({left} tries left)."
                : $"The code was typed wrong {MaxWrongCodes} times, so it no longer works: ask the member to request a new code.");
        }

        if (clock.UtcNow >= redemption.CodeExpiresAt)
        {
            await redemptions.CancelPendingAsync(redemption.Id, actor.ToString());
            return new PointspotError(ErrorCodes.RedemptionCodeExpired,
                $"The code expired at {redemption.CodeExpiresAt:HH:mm:ss} UTC, {CodeLifetime.TotalMinutes} minutes "
                + "after it was shown: ask the member to request a new code.");
        }

        if (CheckWindow(_reward!) is { } closed)
        {
            return closed;
        }

        var stockRefusal = await redemptions.TakeStockAsync(redemption.Id, _rewardId, phone.E164, _reward!.Definition.PerMemberLimit);
        if (stockRefusal != GrantRefusal.None)
        {
            await redemptions.CancelPendingAsync(redemption.Id, actor.ToString());
            return Explain(stockRefusal, _reward, phone);
        }

        return null;
    }

    /// <summary>
    /// Writes the REDEEM entry of a redemption that has taken stock. Its idempotency key is the
    /// redemption id, so a confirmation retried after a crash spends the points once.
    /// </summary>
    private async Task<RedemptionResult> SpendAsync(RedemptionView redemption, PhoneNumber phone, Actor actor)
    {
        var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(_merchantId, phone));
        string reason = $"Reward \"{_reward!.Definition.Name}\" ({_rewardId})";
        var command = new RedeemPointsCommand(redemption.Points, reason, $"redeem:{redemption.Id:N}", actor);
        var spent = await member.RedeemPoints(command);
        if (spent.Error is { } error)
        {
            if (error.Code != ErrorCodes.Unavailable)
            {
                await redemptions.ReturnStockAsync(redemption.Id, _rewardId, actor.ToString());
            }

            return Failed(error);
        }

        var confirmed = await redemptions.CompleteAsync(redemption.Id, spent.Entry!.Id, actor.ToString());
        LogRedeemed(_merchantId, _rewardId, redemption.Id, spent.Entry.Id);
        return new RedemptionResult(confirmed, spent, false, null);
    }

    private (PhoneNumber Phone, PointspotError? Error) CheckRequest(string phoneInput, RewardKind? kind)
    {
        if (!PhoneNumber.TryParse(phoneInput, out var phone, out string phoneError))
        {
            return (phone, new PointspotError(ErrorCodes.InvalidPhone, phoneError));
        }

        if (_reward is not { } reward)
        {
            return (phone, NotFound());
        }

        if (kind is { } expected && reward.Definition.Kind != expected)
        {
            return (phone, new PointspotError(ErrorCodes.InvalidInput,
                $"\"{reward.Definition.Name}\" is a giveaway, which the merchant gives with giveReward: it is not redeemed for points."));
        }

        return (phone, CheckWindow(reward));
    }

    private PointspotError? CheckWindow(RewardView reward)
    {
        var now = clock.UtcNow;
        if (!reward.Active)
        {
            return new PointspotError(ErrorCodes.RewardInactive,
                $"Reward \"{reward.Definition.Name}\" is stopped: the owner resumes it with setRewardActive.");
        }

        if (now < reward.StartsAt)
        {
            return new PointspotError(ErrorCodes.RewardNotYetValid,
                $"Reward \"{reward.Definition.Name}\" is valid from {reward.Definition.ValidFrom:yyyy-MM-dd}: redeem it on or after that day.");
        }

        return now >= reward.EndsAt
            ? new PointspotError(ErrorCodes.RewardExpired,
                $"Reward \"{reward.Definition.Name}\" ended after {reward.Definition.ValidThrough:yyyy-MM-dd}: choose another reward.")
            : null;
    }

    private async Task<PointspotError?> CheckStockAndLimitAsync(RewardView reward, PhoneNumber phone)
    {
        var current = await rewards.LoadAsync(_merchantId, _rewardId) ?? reward;
        if (current.Definition.Stock is { } stock && current.GrantedCount >= stock)
        {
            return Explain(GrantRefusal.StockGone, current, phone);
        }

        return await redemptions.CountGrantedAsync(_rewardId, phone.E164) >= current.Definition.PerMemberLimit
            ? Explain(GrantRefusal.LimitReached, current, phone)
            : null;
    }

    private static PointspotError Explain(GrantRefusal refusal, RewardView reward, PhoneNumber phone) => refusal switch
    {
        GrantRefusal.StockGone => new PointspotError(ErrorCodes.RewardExhausted,
            $"All {reward.Definition.Stock} of \"{reward.Definition.Name}\" are gone: choose another reward."),
        GrantRefusal.LimitReached => new PointspotError(ErrorCodes.LimitReached,
            $"Member {phone.National} already received \"{reward.Definition.Name}\" {reward.Definition.PerMemberLimit} time(s), "
            + "its limit per member: choose another reward."),
        _ => MemberMissing(phone),
    };

    private static PointspotError MemberMissing(PhoneNumber phone) => new(ErrorCodes.MemberNotFound,
        $"No member has phone number {phone.National} at this merchant: the member must buy or sign up first.");

    private PointspotError NotFound() => new(ErrorCodes.NotFound,
        $"No reward with id {_rewardId} exists at this merchant: list them with the rewards query.");

    /// <summary>Hashes a code with the member and the reward, so a code works only for them.</summary>
    private byte[] CodeHash(PhoneNumber phone, string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{_rewardId:N}/{phone.E164}/{code}"));

    private static RedemptionResult Failed(PointspotError error) => new(null, null, false, error);

    [LoggerMessage(EventId = 6041, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} reward {RewardId} created by {Actor}")]
    private partial void LogRewardCreated(Guid merchantId, Guid rewardId, string actor);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Debug,
        Message = "Merchant {MerchantId} reward {RewardId}: code requested for redemption {RedemptionId}")]
    private partial void LogCodeRequested(Guid merchantId, Guid rewardId, Guid redemptionId);

    [LoggerMessage(EventId = 6043, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} reward {RewardId}: redemption {RedemptionId} spent ledger entry {EntryId}")]
    private partial void LogRedeemed(Guid merchantId, Guid rewardId, Guid redemptionId, long entryId);

    [LoggerMessage(EventId = 6044, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} reward {RewardId} given as {RedemptionId} for occasion {OccasionKey}")]
    private partial void LogRewardGiven(Guid merchantId, Guid rewardId, Guid redemptionId, string occasionKey);
}
