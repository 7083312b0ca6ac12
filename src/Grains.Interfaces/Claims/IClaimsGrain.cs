using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Claims;

/// <summary>
/// The requested points (claims) of one merchant, keyed by the merchant id. Decisions on the
/// merchant's claims are made one at a time, so two approvals of one claim award once.
/// </summary>
public interface IClaimsGrain : IGrainWithGuidKey
{
    Task<ClaimResult> Submit(ClaimSubmission submission);

    /// <summary>Awards the claim's points through the earn rule; approving an approved claim returns it unchanged.</summary>
    Task<ClaimResult> Approve(Guid claimId, Actor actor);

    Task<ClaimResult> Reject(Guid claimId, string reason, Actor actor);

    /// <summary>Lists claims oldest first: with a status, only those; at most <paramref name="first"/>.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<ClaimView>> List(ClaimStatus? status, int first);

    [ReadOnly, AlwaysInterleave]
    Task<ClaimView?> Get(Guid claimId);

    /// <summary>Returns the receipt photo of a claim of this merchant, or null.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<ClaimPhoto?> GetPhoto(Guid claimId);
}
