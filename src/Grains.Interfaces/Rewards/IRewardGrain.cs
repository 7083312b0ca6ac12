using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Rewards;

/// <summary>
/// One reward, keyed by <see cref="RewardKey"/>: the single writer of its stock and of its
/// redemptions, so stock and per-member limits hold under parallel requests.
/// </summary>
public interface IRewardGrain : IGrainWithStringKey
{
    Task<RewardResult> Create(RewardDefinition fields, Actor actor);

    Task<RewardResult> SetActive(bool active, Actor actor);

    [ReadOnly]
    Task<RewardView?> Get();

    /// <summary>
    /// Starts a counter redemption: returns a 6-digit code valid for 5 minutes. Nothing is spent
    /// until staff confirm with the code.
    /// </summary>
    Task<RedemptionCodeResult> RequestCode(string phone, Actor actor);

    /// <summary>Spends the reward's points with a REDEEM ledger entry when the code is right and current.</summary>
    Task<RedemptionResult> Confirm(string phone, string code, Actor actor);

    /// <summary>
    /// Gives the reward to a member without spending points, or returns the gift made before for
    /// the same occasion. Takes stock and counts toward the per-member limit.
    /// </summary>
    Task<RedemptionResult> Give(GiveRewardCommand command);
}

public static class RewardKey
{
    public static string For(Guid merchantId, Guid rewardId) => $"{merchantId:N}/{rewardId:N}";

    public static (Guid MerchantId, Guid RewardId) Parse(string key)
    {
        int slash = key.IndexOf('/');
        return (Guid.ParseExact(key[..slash], "N"), Guid.ParseExact(key[(slash + 1)..], "N"));
    }
}
