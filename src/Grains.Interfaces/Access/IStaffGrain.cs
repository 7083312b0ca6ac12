using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Access;

/// <summary>
/// The staff of one merchant, keyed by the merchant id: invitations of admins and cashiers, the
/// staff list, removal, and the largest manual points change a cashier may make.
/// </summary>
public interface IStaffGrain : IGrainWithGuidKey
{
    /// <summary>Creates an invitation with a one-time token, returned once to the owner.</summary>
    Task<InviteStaffResult> Invite(string email, string role, Actor actor);

    [ReadOnly]
    Task<IReadOnlyList<StaffView>> ListStaff();

    [ReadOnly]
    Task<IReadOnlyList<InvitationView>> ListInvitations();

    /// <summary>Removes an admin or cashier and revokes every token and refresh token they hold.</summary>
    Task<StaffResult> RemoveStaff(Guid staffId, Actor actor);

    /// <summary>Returns the largest sendPoints or pullPoints a cashier may make; 0 until the owner sets one.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<long> GetCashierPointsLimit();

    Task<CashierPointsLimitResult> SetCashierPointsLimit(long points, Actor actor);
}

/// <summary>An invitation as the owner sees it; the token is never stored or shown again.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.invitation")]
public sealed record InvitationView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] DateTimeOffset? AcceptedAt);

[GenerateSerializer, Immutable, Alias("pointspot.invite-staff-result")]
public sealed record InviteStaffResult(
    [property: Id(0)] InvitationView? Invitation,
    [property: Id(1)] string? Token,
    [property: Id(2)] PointspotError? Error);

/// <summary>A member of a merchant's staff.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.staff")]
public sealed record StaffView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string Role,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset? RemovedAt);

[GenerateSerializer, Immutable, Alias("pointspot.staff-result")]
public sealed record StaffResult(
    [property: Id(0)] StaffView? Staff,
    [property: Id(1)] PointspotError? Error);

[GenerateSerializer, Immutable, Alias("pointspot.cashier-points-limit-result")]
public sealed record CashierPointsLimitResult(
    [property: Id(0)] long? Points,
    [property: Id(1)] PointspotError? Error);
