namespace Pointspot.Grains.Interfaces.Live;

/// <summary>
/// A merchant's day so far, in the merchant's time zone, counting every ledger entry up to
/// <see cref="ThroughSequence"/>. Purchases are EARN entries, and points issued are the points of
/// EARN and SEND entries. Points redeemed are the points spent by PAY and REDEEM entries, and a new
/// member is a member whose first entry fell on the day. <see cref="PurchasesByHour"/> has 24 counts, local
/// hour 0 first.
/// </summary>
public sealed record DashboardSnapshot(
    long ThroughSequence,
    DateOnly Date,
    string TimeZone,
    long Purchases,
    long PointsIssued,
    long PointsRedeemed,
    long NewMembers,
    IReadOnlyList<long> PurchasesByHour,
    IReadOnlyList<LedgerEvent> Latest);

/// <summary>Computes dashboard snapshots from the ledger.</summary>
public interface IDashboardReader
{
    /// <summary>
    /// Counts the merchant's entries recorded on the current local day, up to
    /// <paramref name="throughSequence"/>, with the latest <paramref name="latest"/> entries.
    /// </summary>
    Task<DashboardSnapshot> ReadTodayAsync(
        Guid merchantId, string timeZone, long throughSequence, int latest, CancellationToken cancellationToken);
}
