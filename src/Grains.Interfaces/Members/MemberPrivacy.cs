using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Members;

/// <summary>Everything Pointspot stores about one member, for a request under Thailand's PDPA.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.member-data-export")]
public sealed record MemberDataExport(
    [property: Id(0)] MemberView Member,
    [property: Id(1)] IReadOnlyList<LedgerEntryView> Entries,
    [property: Id(2)] IReadOnlyList<ClaimView> Claims,
    [property: Id(3)] IReadOnlyList<string> Labels);

/// <summary>
/// The outcome of erasing a member: the pseudonym that replaced the phone number in the kept
/// ledger rows, how many rows were kept and how many claim photos were deleted.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.member-erasure")]
public sealed record MemberErasure(
    [property: Id(0)] string? Pseudonym,
    [property: Id(1)] long EntriesKept,
    [property: Id(2)] int ClaimPhotosDeleted,
    [property: Id(3)] PointspotError? Error);
