using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Wheel;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Wheel;

/// <summary>
/// One wheel game. A spin is recorded before the member is charged. The row takes the member's
/// next number of the day and, for a prize with stock, the prize's next unit. So a crash after
/// the record can leave a spin uncharged, but never hands out more than the stock or the limit.
/// A retry with the same idempotency key charges a recorded spin that was not charged.
/// </summary>
public sealed partial class WheelGameGrain(
    WheelStore store,
    IEnumerable<IWheelPrizeHandler> prizeHandlers,
    PointsClock clock,
    ILogger<WheelGameGrain> logger) : Grain, IWheelGameGrain
{
    private readonly Dictionary<WheelPrizeKind, IWheelPrizeHandler> _handlers =
        prizeHandlers.ToDictionary(handler => handler.Kind);

    private StoredGame? _game;
    private bool _loaded;

    public async Task<WheelGameResult> Create(Guid merchantId, WheelGameInput input, Actor actor)
    {
        if (await GetMerchantSettingsAsync(merchantId) is null)
        {
            return new WheelGameResult(null, MerchantMissing());
        }

        if (await LoadAsync() is not null)
        {
            return new WheelGameResult(null, new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Wheel game {this.GetPrimaryKey()} exists already: create a game with a new id."));
        }

        if (WheelRules.Check(input, _handlers) is { } invalid)
        {
            return new WheelGameResult(null, invalid);
        }

        foreach (var prize in input.Prizes)
        {
            if (await _handlers[prize.Kind].CheckTargetAsync(GrainFactory, merchantId, prize) is { } missing)
            {
                return new WheelGameResult(null, missing);
            }
        }

        var prizes = input.Prizes
            .Select((prize, index) => new WheelPrizeView(index + 1, prize.Label.Trim(), prize.Kind, prize.Points,
                prize.Weight, prize.Stock, 0, prize.CampaignId, prize.RewardId))
            .ToList();
        var game = new WheelGameView(this.GetPrimaryKey(), merchantId, input.Name.Trim(), input.SpinCost,
            input.DailySpinLimit, true, prizes, TruncateToMicroseconds(clock.UtcNow));
        await store.CreateAsync(game);
        _game = new StoredGame(game, prizes.ToDictionary(prize => prize.Id, _ => 0));
        LogGameCreated(merchantId, game.Id, prizes.Count, actor.ToString());
        return new WheelGameResult(game, null);
    }

    public async Task<WheelGameResult> SetActive(Guid merchantId, bool active, Actor actor)
    {
        if (await LoadAsync() is not { } stored || stored.Game.MerchantId != merchantId)
        {
            return new WheelGameResult(null, GameMissing());
        }

        await store.SetActiveAsync(stored.Game.Id, active);
        _game = stored with { Game = stored.Game with { Active = active } };
        LogGameActiveSet(merchantId, stored.Game.Id, active, actor.ToString());
        return new WheelGameResult(_game.Game, null);
    }

    public async Task<WheelGameView?> Get(Guid merchantId) =>
        await LoadAsync() is { } stored && stored.Game.MerchantId == merchantId ? stored.Game : null;

    public async Task<WheelSpinResult> Spin(Guid merchantId, SpinWheelCommand command)
    {
        if (await LoadAsync() is not { } stored || stored.Game.MerchantId != merchantId)
        {
            return Failed(GameMissing());
        }

        if (PointsRules.CheckText("idempotencyKey", command.IdempotencyKey, PointsRules.MaxIdempotencyKeyLength) is { } badKey)
        {
            return Failed(badKey);
        }

        var game = stored.Game;
        var phone = PhoneNumber.FromE164(command.Phone);
        var earlier = await store.FindSpinAsync(game.Id, phone.E164, command.IdempotencyKey);
        if (earlier is not null)
        {
            return await ChargeAsync(game, command, earlier, replayed: true);
        }

        if (!game.Active)
        {
            return Failed(new PointspotError(ErrorCodes.WheelGameInactive,
                $"Wheel game \"{game.Name}\" is stopped: start it again or spin another game."));
        }

        if (await GetMerchantSettingsAsync(merchantId) is not { } settings)
        {
            return Failed(MerchantMissing());
        }

        var now = TruncateToMicroseconds(clock.UtcNow);
        var localDay = DateOnly.FromDateTime(TimeZones.ToLocal(now, settings.TimeZone).DateTime);
        var (spunToday, lastNumber) = await store.CountDaySpinsAsync(game.Id, phone.E164, localDay);
        if (spunToday >= game.DailySpinLimit)
        {
            return Failed(new PointspotError(ErrorCodes.LimitReached,
                $"Member {phone.National} has spun \"{game.Name}\" {spunToday} times on {localDay:yyyy-MM-dd}, "
                + $"the limit of {game.DailySpinLimit} a day: spin again tomorrow."));
        }

        var available = new List<WheelPrizeView>();
        foreach (var candidate in game.Prizes.Where(prize => prize.Stock is null || prize.Won < prize.Stock))
        {
            if (await _handlers[candidate.Kind].IsAvailableAsync(GrainFactory, merchantId, phone, candidate, now))
            {
                available.Add(candidate);
            }
        }

        if (available.Count == 0)
        {
            return Failed(new PointspotError(ErrorCodes.OutOfStock,
                $"No prize of wheel game \"{game.Name}\" can be won now: each is out of stock, or its coupon campaign "
                + "or reward is stopped, expired or used up for this member. Stop this game and create one with new prizes."));
        }

        var prize = available[WheelDraw.Pick(available.Select(p => p.Weight).ToList())];
        int? unit = prize.Stock is null ? null : stored.LastUnits[prize.Id] + 1;
        var spin = new StoredSpin(Guid.NewGuid(), phone.E164, localDay, lastNumber + 1, prize.Id, unit,
            game.SpinCost, _handlers[prize.Kind].CreditedPoints(prize), now);
        if (!await store.InsertSpinAsync(game.Id, merchantId, command.IdempotencyKey, spin))
        {
            // Another activation of this game recorded a spin at the same moment.
            _loaded = false;
            return Failed(new PointspotError(ErrorCodes.Unavailable,
                "The wheel game was changed elsewhere at the same moment: retry with the same idempotency key."));
        }

        Count(prize.Id, unit, +1);
        return await ChargeAsync(_game!.Game, command, spin, replayed: false);
    }

    /// <summary>Charges a recorded spin and gives its prize; undoes the record when the member cannot pay.</summary>
    private async Task<WheelSpinResult> ChargeAsync(WheelGameView game, SpinWheelCommand command, StoredSpin spin,
        bool replayed)
    {
        var prize = game.Prizes.Single(p => p.Id == spin.PrizeId);
        var phone = PhoneNumber.FromE164(spin.Phone);
        var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(game.MerchantId, phone));
        var charge = await member.ChargeWheelSpin(new WheelChargeCommand(spin.SpinId, game.Name, spin.SpinCost,
            spin.PrizePoints, prize.Label, command.Actor));
        if (charge.Error is { Code: ErrorCodes.InsufficientPoints or ErrorCodes.MemberNotFound } refused)
        {
            await store.DeleteSpinAsync(spin.SpinId);
            Count(prize.Id, spin.PrizeUnit, -1);
            return Failed(refused);
        }

        if (charge.Error is not null)
        {
            LogChargeFailed(game.MerchantId, game.Id, spin.SpinId, charge.Error.Code);
            return Failed(charge.Error);
        }

        if (await _handlers[prize.Kind].GiveAsync(GrainFactory, game.MerchantId, phone, spin.SpinId, prize,
            command.Actor) is { } notGiven)
        {
            LogPrizeNotGiven(game.MerchantId, game.Id, spin.SpinId, notGiven.Code);
            return Failed(notGiven);
        }

        var view = new WheelSpinView(spin.SpinId, game.Id, spin.Phone, prize, spin.SpinCost, spin.LocalDay,
            spin.DaySpinNumber, spin.SpunAt);
        return new WheelSpinResult(view, charge.Member, replayed, null);
    }

    private void Count(int prizeId, int? unit, int change)
    {
        var game = _game!.Game;
        var prizes = game.Prizes.Select(p => p.Id == prizeId ? p with { Won = p.Won + change } : p).ToList();
        if (unit is { } taken && change > 0)
        {
            _game.LastUnits[prizeId] = Math.Max(_game.LastUnits[prizeId], taken);
        }

        _game = _game with { Game = game with { Prizes = prizes } };
    }

    private async Task<StoredGame?> LoadAsync()
    {
        if (!_loaded)
        {
            _game = await store.LoadAsync(this.GetPrimaryKey());
            _loaded = true;
        }

        return _game;
    }

    private Task<MerchantSettings?> GetMerchantSettingsAsync(Guid merchantId) =>
        GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings();

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));

    private static WheelSpinResult Failed(PointspotError error) => new(null, null, false, error);

    private static PointspotError MerchantMissing() =>
        new(ErrorCodes.NotFound, "The merchant of this request does not exist.");

    private PointspotError GameMissing() =>
        new(ErrorCodes.NotFound, $"No wheel game {this.GetPrimaryKey()} exists at this merchant: list the games with wheelGames.");

    [LoggerMessage(EventId = 12201, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} created wheel game {GameId} with {PrizeCount} prizes by {Actor}")]
    private partial void LogGameCreated(Guid merchantId, Guid gameId, int prizeCount, string actor);

    [LoggerMessage(EventId = 12202, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} set wheel game {GameId} active {Active} by {Actor}")]
    private partial void LogGameActiveSet(Guid merchantId, Guid gameId, bool active, string actor);

    [LoggerMessage(EventId = 12203, Level = LogLevel.Warning,
        Message = "Merchant {MerchantId} wheel game {GameId}: spin {SpinId} recorded but not charged ({Code})")]
    private partial void LogChargeFailed(Guid merchantId, Guid gameId, Guid spinId, string code);

    [LoggerMessage(EventId = 12204, Level = LogLevel.Warning,
        Message = "Merchant {MerchantId} wheel game {GameId}: spin {SpinId} charged but its prize was not given ({Code})")]
    private partial void LogPrizeNotGiven(Guid merchantId, Guid gameId, Guid spinId, string code);
}
