using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Grains.Wheel;

/// <summary>Lists a merchant's wheel games; each game's grain keeps its own counts.</summary>
[StatelessWorker]
public sealed class WheelGamesGrain(WheelStore store) : Grain, IWheelGamesGrain
{
    public async Task<IReadOnlyList<WheelGameView>> ListGames()
    {
        var merchantId = this.GetPrimaryKey();
        var ids = await store.ListGameIdsAsync(merchantId);
        var games = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IWheelGameGrain>(id).Get(merchantId)));
        return games.OfType<WheelGameView>().ToList();
    }
}
