using Pointspot.Grains.Interfaces.Rewards;

namespace Pointspot.Grains.Rewards;

/// <summary>Reads of a merchant's rewards. It keeps no state, so any silo may run many of it.</summary>
[StatelessWorker]
public sealed class MerchantRewardsGrain(RewardStore rewards, RedemptionStore redemptions) : Grain, IMerchantRewardsGrain
{
    public async Task<IReadOnlyList<RewardView>> ListRewards() => await rewards.ListAsync(this.GetPrimaryKey());

    public async Task<IReadOnlyList<RedemptionView>> ListMemberRedemptions(string phone) =>
        await redemptions.ListForMemberAsync(this.GetPrimaryKey(), phone);
}
