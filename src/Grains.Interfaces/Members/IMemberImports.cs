using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Members;

/// <summary>The writes of member and points imports to one member.</summary>
public interface IMemberImports : IGrainWithStringKey
{
    /// <summary>Credits points as an IMPORT ledger entry; idempotent by the command's key.</summary>
    Task<PointsChangeResult> ImportPoints(AdjustPointsCommand command);

    /// <summary>
    /// Registers the member with an imported profile and adds labels. An existing member keeps its
    /// marketing consent and other labels. Returns whether anything changed.
    /// </summary>
    Task<ImportProfileResult> ImportProfile(MemberProfile profile, IReadOnlyList<string> labels);
}

[GenerateSerializer, Immutable, Alias("pointspot.import-profile-result")]
public sealed record ImportProfileResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] PointspotError? Error);
