using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Access;

/// <summary>The staff of one merchant. It caches the cashiers' limit, which every cashier adjustment reads.</summary>
public sealed partial class StaffGrain(
    StaffStore store,
    SessionStore sessions,
    IOptions<AccessOptions> options,
    TimeProvider timeProvider,
    ILogger<StaffGrain> logger) : Grain, IStaffGrain
{
    /// <summary>The largest cashiers' limit an owner may set.</summary>
    public const long MaxCashierPointsLimit = 1_000_000_000;

    private long? _cashierPointsLimit;

    private Guid MerchantId => this.GetPrimaryKey();

    public async Task<InviteStaffResult> Invite(string email, string role, Actor actor)
    {
        if (await GrainFactory.GetGrain<IMerchantGrain>(MerchantId).GetSettings() is null)
        {
            return new InviteStaffResult(null, null, Missing());
        }

        string trimmed = email.Trim();
        var invalid = MerchantRules.CheckEmail(trimmed, "email");
        if (invalid is not null)
        {
            return new InviteStaffResult(null, null, invalid);
        }

        if (!StaffRoles.Invitable.Contains(role))
        {
            return new InviteStaffResult(null, null, new PointspotError(ErrorCodes.InvalidInput,
                $"role \"{role}\" cannot be invited: send {string.Join(" or ", StaffRoles.Invitable)}."));
        }

        // NOTE: a removed account keeps its e-mail address, because sign-in addresses are unique
        // across all accounts, so a removed admin or cashier cannot be invited again.
        if (await store.EmailTakenAsync(trimmed))
        {
            return new InviteStaffResult(null, null, new PointspotError(ErrorCodes.EmailTaken,
                $"email \"{trimmed}\" already has an account, possibly a removed one: invite another address."));
        }

        string token = Secrets.New(Secrets.InvitationPrefix);
        var expiresAt = timeProvider.GetUtcNow() + options.Value.InvitationLifetime;
        var invitation = await store.CreateInvitationAsync(
            Guid.NewGuid(), MerchantId, trimmed, role, Secrets.Hash(token), actor.ToString(), expiresAt);
        LogInvited(MerchantId, invitation.Id, role, actor.ToString());
        return new InviteStaffResult(invitation, token, null);
    }

    public Task<IReadOnlyList<StaffView>> ListStaff() => store.ListStaffAsync(MerchantId);

    public Task<IReadOnlyList<InvitationView>> ListInvitations() => store.ListInvitationsAsync(MerchantId);

    public async Task<StaffResult> RemoveStaff(Guid staffId, Actor actor)
    {
        var removed = await store.RemoveStaffAsync(MerchantId, staffId);
        if (removed is null)
        {
            return new StaffResult(null, new PointspotError(ErrorCodes.NotFound,
                $"No admin or cashier with id {staffId} exists at this merchant: list them with the staff query."));
        }

        var accessTokens = await sessions.RevokeStaffAsync(staffId);
        await Task.WhenAll(accessTokens.Select(hash =>
            GrainFactory.GetGrain<ICredentialGrain>(Convert.ToHexStringLower(hash)).Invalidate()));
        LogRemoved(MerchantId, staffId, accessTokens.Count, actor.ToString());
        return new StaffResult(removed, null);
    }

    public async Task<long> GetCashierPointsLimit()
    {
        // Two first reads may interleave; both read the same row, so either result is right.
        _cashierPointsLimit ??= await store.ReadCashierPointsLimitAsync(MerchantId) ?? 0;
        return _cashierPointsLimit.Value;
    }

    public async Task<CashierPointsLimitResult> SetCashierPointsLimit(long points, Actor actor)
    {
        if (await GrainFactory.GetGrain<IMerchantGrain>(MerchantId).GetSettings() is null)
        {
            return new CashierPointsLimitResult(null, Missing());
        }

        if (points < 0 || points > MaxCashierPointsLimit)
        {
            return new CashierPointsLimitResult(null, new PointspotError(ErrorCodes.InvalidPoints,
                $"points {points} is out of range: send 0 (cashiers adjust no points) to {MaxCashierPointsLimit}."));
        }

        await store.WriteCashierPointsLimitAsync(MerchantId, points, actor.ToString());
        _cashierPointsLimit = points;
        LogCashierLimitSet(MerchantId, points, actor.ToString());
        return new CashierPointsLimitResult(points, null);
    }

    private static PointspotError Missing() =>
        new(ErrorCodes.NotFound, "The merchant of this request does not exist.");

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} invitation {InvitationId} as {Role} created by {Actor}")]
    private partial void LogInvited(Guid merchantId, Guid invitationId, string role, string actor);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} staff {StaffId} removed by {Actor}; {TokenCount} live access tokens revoked")]
    private partial void LogRemoved(Guid merchantId, Guid staffId, int tokenCount, string actor);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} cashier points limit set to {Points} by {Actor}")]
    private partial void LogCashierLimitSet(Guid merchantId, long points, string actor);
}
