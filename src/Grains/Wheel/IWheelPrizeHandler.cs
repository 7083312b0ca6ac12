using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Grains.Wheel;

/// <summary>
/// What one kind of wheel prize checks and gives. A new kind is one class registered in
/// AddPointspotGrains; the wheel grain looks handlers up by <see cref="Kind"/>.
/// </summary>
public interface IWheelPrizeHandler
{
    WheelPrizeKind Kind { get; }

    /// <summary>Returns the problem of a prize of this kind as the merchant defined it, or null.</summary>
    PointspotError? Check(WheelPrizeInput prize);

    /// <summary>Returns the problem of what the prize names (a campaign, a reward) at the merchant, or null.</summary>
    Task<PointspotError?> CheckTargetAsync(IGrainFactory grains, Guid merchantId, WheelPrizeInput prize) =>
        Task.FromResult<PointspotError?>(null);

    /// <summary>
    /// Returns whether the prize can be given to the member now; a prize that cannot is left out of
    /// the draw, as a prize out of stock is.
    /// </summary>
    Task<bool> IsAvailableAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, WheelPrizeView prize,
        DateTimeOffset now) => Task.FromResult(true);

    /// <summary>Points the member grain credits with the spin's cost, in the same call (0 for none).</summary>
    long CreditedPoints(WheelPrizeView prize);

    /// <summary>
    /// Gives whatever is not points, after the spin is recorded and charged. Runs again when a spin
    /// is retried with its idempotency key, so it must be keyed by <paramref name="spinId"/>.
    /// </summary>
    Task<PointspotError?> GiveAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, Guid spinId,
        WheelPrizeView prize, Actor actor);
}

/// <summary>Points prizes: credited by the member grain with the spin's cost.</summary>
public sealed class PointsPrizeHandler : IWheelPrizeHandler
{
    public WheelPrizeKind Kind => WheelPrizeKind.Points;

    public PointspotError? Check(WheelPrizeInput prize) =>
        prize.Points is > 0 and <= WheelRules.MaxPrizePoints
            ? null
            : new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" gives {prize.Points} points: a POINTS prize gives 1 to {WheelRules.MaxPrizePoints}.");

    public long CreditedPoints(WheelPrizeView prize) => prize.Points;

    public Task<PointspotError?> GiveAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, Guid spinId,
        WheelPrizeView prize, Actor actor) => Task.FromResult<PointspotError?>(null);
}

/// <summary>Losing slots: nothing to give.</summary>
public sealed class NothingPrizeHandler : IWheelPrizeHandler
{
    public WheelPrizeKind Kind => WheelPrizeKind.Nothing;

    public PointspotError? Check(WheelPrizeInput prize) =>
        prize.Points == 0
            ? null
            : new PointspotError(ErrorCodes.InvalidWheelGame,
                $"Prize \"{prize.Label}\" is NOTHING but gives {prize.Points} points: use kind POINTS, or give 0 points.");

    public long CreditedPoints(WheelPrizeView prize) => 0;

    public Task<PointspotError?> GiveAsync(IGrainFactory grains, Guid merchantId, PhoneNumber phone, Guid spinId,
        WheelPrizeView prize, Actor actor) => Task.FromResult<PointspotError?>(null);
}
