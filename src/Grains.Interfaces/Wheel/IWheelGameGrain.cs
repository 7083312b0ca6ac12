using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Wheel;

/// <summary>
/// One wheel game, keyed by the game id. Spins of a game run one at a time, which is what keeps
/// its stock and per-day limits exact under parallel spins.
/// </summary>
public interface IWheelGameGrain : IGrainWithGuidKey
{
    /// <summary>Creates the game for <paramref name="merchantId"/>; the prizes are fixed from then on.</summary>
    Task<WheelGameResult> Create(Guid merchantId, WheelGameInput input, Actor actor);

    Task<WheelGameResult> SetActive(Guid merchantId, bool active, Actor actor);

    /// <summary>Returns the game, or null when it does not exist or belongs to another merchant.</summary>
    [ReadOnly]
    Task<WheelGameView?> Get(Guid merchantId);

    Task<WheelSpinResult> Spin(Guid merchantId, SpinWheelCommand command);
}

/// <summary>The wheel games of one merchant, keyed by the merchant id.</summary>
public interface IWheelGamesGrain : IGrainWithGuidKey
{
    /// <summary>Returns the merchant's games, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<WheelGameView>> ListGames();
}
