namespace Pointspot.Grains.Interfaces.Rewards;

/// <summary>Reads of a merchant's rewards as a whole, keyed by the merchant id.</summary>
public interface IMerchantRewardsGrain : IGrainWithGuidKey
{
    [ReadOnly]
    Task<IReadOnlyList<RewardView>> ListRewards();

    /// <summary>Returns a member's confirmed redemptions and gifts, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<RedemptionView>> ListMemberRedemptions(string phone);
}
