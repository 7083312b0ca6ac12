using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Wheel;

namespace Pointspot.Grains.Interfaces.Members;

/// <summary>
/// One member of one merchant, keyed by <see cref="MemberKey"/>. Holds the balance as a cache of
/// the ledger; every change is committed to the ledger before the call returns.
/// </summary>
public interface IMemberGrain : IGrainWithStringKey
{
    Task<PointsChangeResult> CollectPoints(CollectPointsCommand command);

    Task<PointsChangeResult> SendPoints(AdjustPointsCommand command);

    Task<PointsChangeResult> PullPoints(AdjustPointsCommand command);

    /// <summary>Spends points to pay for a purchase at the merchant's point value.</summary>
    Task<PointsChangeResult> PayWithPoints(PayWithPointsCommand command);

    /// <summary>Takes back the points a receipt of this member earned, in proportion to the refunded amount.</summary>
    Task<PointsChangeResult> RefundPurchase(RefundPurchaseCommand command);

    /// <summary>Restores the lots a receipt's payment used and takes back what the receipt earned.</summary>
    Task<VoidResult> VoidPurchase(VoidPurchaseCommand command);

    /// <summary>Spends points on a reward (a REDEEM entry); called by the reward grain only.</summary>
    Task<PointsChangeResult> RedeemPoints(RedeemPointsCommand command);

    /// <summary>Returns the member, or null when the phone number has never been seen.</summary>
    [ReadOnly]
    Task<MemberView?> GetMember();

    /// <summary>Returns up to <paramref name="first"/> entries older than sequence <paramref name="before"/>.</summary>
    [ReadOnly]
    Task<HistoryPage> GetHistory(int first, long? before);

    Task<MemberResult> Register(MemberProfile profile);

    /// <summary>Debits the sender of a transfer (TRANSFER_OUT); called by the transfer grain only.</summary>
    Task<PointsChangeResult> TransferOut(TransferPointsCommand command);

    /// <summary>Credits the receiver of a transfer (TRANSFER_IN, a new lot); called by the transfer grain only.</summary>
    Task<PointsChangeResult> TransferIn(TransferPointsCommand command);

    /// <summary>Writes an EXPIRE entry for the rest of every lot whose expiry has passed.</summary>
    Task<ExpireResult> ExpireDue();

    /// <summary>Returns the member's card: the tier that the ledger totals reach under the merchant's card program.</summary>
    [ReadOnly]
    Task<MemberCardView?> GetMemberCard();

    /// <summary>Credits points that automation or referral decided to give (AUTOMATION or REFERRAL).</summary>
    Task<PointsChangeResult> CreditBonus(BonusPointsCommand command);

    /// <summary>Writes the cost and the points prize of one wheel spin; called by the wheel game grain only.</summary>
    Task<WheelChargeResult> ChargeWheelSpin(WheelChargeCommand command);

    /// <summary>Returns the member's unexpired points that have an expiry date, soonest first, one item per date.</summary>
    [ReadOnly]
    Task<IReadOnlyList<ExpiringPointsView>> GetExpiringPoints();

    /// <summary>Returns the member's profile, every ledger entry, claims and labels; null for an unknown phone.</summary>
    Task<MemberDataExport?> ExportData();

    /// <summary>
    /// Replaces the member's phone number by a pseudonym in every stored row, clears the profile
    /// and deletes the claims' photos. The ledger rows keep their points, so balances and totals
    /// do not change, and the phone number starts again as a new member.
    /// </summary>
    Task<MemberErasure> Erase(Actor actor);
}

/// <summary>Builds and reads member grain keys: the merchant id and the E.164 phone number.</summary>
public static class MemberKey
{
    public static string For(Guid merchantId, PhoneNumber phone) => $"{merchantId:N}/{phone.E164}";

    public static (Guid MerchantId, PhoneNumber Phone) Parse(string key)
    {
        int slash = key.IndexOf('/');
        return (Guid.ParseExact(key[..slash], "N"), PhoneNumber.FromE164(key[(slash + 1)..]));
    }
}
