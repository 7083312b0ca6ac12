using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Access;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Merchants;

/// <summary>
/// Sign-up, sign-in, invitations and refresh tokens. A stateless worker: password hashing is slow
/// on purpose and must not queue behind one activation.
/// </summary>
[StatelessWorker]
public sealed partial class MerchantAccountsGrain(
    AccountStore accounts,
    SessionStore sessions,
    StaffStore staffStore,
    IOptions<AccessOptions> options,
    TimeProvider timeProvider,
    ILogger<MerchantAccountsGrain> logger) : Grain, IMerchantAccountsGrain
{
    private readonly AccessOptions _options = options.Value;

    // ASP.NET Core Identity's hasher: PBKDF2 with HMAC-SHA512, a random salt and a versioned
    // format, so stored hashes can be upgraded when the defaults change.
    private static readonly PasswordHasher<string> Hasher = new();

    // A hash of no real password, verified when the e-mail is unknown so that a wrong e-mail
    // takes as long to reject as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword("", Secrets.New(""));

    public async Task<SessionResult> SignUp(string name, string ownerEmail, string password, string timeZone)
    {
        var invalid = MerchantRules.CheckSignUp(name, ownerEmail.Trim(), password, timeZone);
        if (invalid is not null)
        {
            return Failed(invalid);
        }

        string email = ownerEmail.Trim();
        if (await accounts.FindStaffByEmailAsync(email) is not null)
        {
            return Failed(EmailTaken(email));
        }

        Guid merchantId = Guid.NewGuid();
        Guid staffId = Guid.NewGuid();
        string passwordHash = Hasher.HashPassword(email, password);

        // The merchant's settings are written first: if the e-mail is taken by a sign-up racing
        // this one, the settings stay unreachable and nothing else refers to them.
        var settings = await GrainFactory.GetGrain<IMerchantGrain>(merchantId).Initialize(name, timeZone);
        if (!await accounts.CreateStaffAsync(staffId, merchantId, email, passwordHash, StaffRoles.Owner))
        {
            return Failed(EmailTaken(email));
        }

        LogSignedUp(merchantId, staffId);
        return await StartSessionAsync(settings, staffId, StaffRoles.Owner);
    }

    public async Task<SessionResult> SignIn(string email, string password)
    {
        var invalid = PointsRules.CheckText("email", email, MerchantRules.MaxEmailLength)
            ?? MerchantRules.CheckPasswordText(password);
        if (invalid is not null)
        {
            return Failed(invalid);
        }

        var staff = await accounts.FindStaffByEmailAsync(email.Trim());
        var verdict = Hasher.VerifyHashedPassword(email, staff?.PasswordHash ?? DecoyHash, password);
        if (staff is null || verdict == PasswordVerificationResult.Failed)
        {
            LogSignInFailed();
            return Failed(new PointspotError(ErrorCodes.Unauthenticated,
                "The e-mail address or the password is wrong: check both and sign in again."));
        }

        var settings = await GrainFactory.GetGrain<IMerchantGrain>(staff.MerchantId).GetSettings();
        if (settings is null)
        {
            return Failed(new PointspotError(ErrorCodes.NotFound, "The merchant of this account does not exist."));
        }

        return await StartSessionAsync(settings, staff.StaffId, staff.Role);
    }

    public async Task<SessionResult> AcceptInvitation(string invitationToken, string password)
    {
        var invalid = PointsRules.CheckText("invitationToken", invitationToken, 200)
            ?? MerchantRules.CheckPassword(password);
        if (invalid is not null)
        {
            return Failed(invalid);
        }

        var invitation = await staffStore.FindPendingInvitationAsync(Secrets.Hash(invitationToken.Trim()), timeProvider.GetUtcNow());
        var settings = invitation is null
            ? null
            : await GrainFactory.GetGrain<IMerchantGrain>(invitation.MerchantId).GetSettings();
        if (invitation is null || settings is null)
        {
            return Failed(new PointspotError(ErrorCodes.NotFound,
                "The invitation token is unknown, expired or already used: ask the owner for a new invitation."));
        }

        Guid staffId = Guid.NewGuid();
        string passwordHash = Hasher.HashPassword(invitation.Email, password);
        if (!await accounts.CreateStaffAsync(staffId, invitation.MerchantId, invitation.Email, passwordHash, invitation.Role))
        {
            return Failed(new PointspotError(ErrorCodes.EmailTaken,
                $"\"{invitation.Email}\" already has an account: sign in with it, or ask the owner to invite another address."));
        }

        // Two acceptances racing with one token: the e-mail's unique index lets only one account in,
        // so the invitation is marked by the one that created it.
        await staffStore.MarkAcceptedAsync(invitation.Id, staffId);
        LogInvitationAccepted(invitation.MerchantId, staffId, invitation.Role);
        return await StartSessionAsync(settings, staffId, invitation.Role);
    }

    public async Task<SessionResult> Refresh(string refreshToken)
    {
        var (outcome, token, wasUsedBefore) = await sessions.SpendRefreshTokenAsync(
            Secrets.Hash(refreshToken.Trim()), timeProvider.GetUtcNow());
        if (outcome == RefreshOutcome.Spent && token is not null)
        {
            var settings = await GrainFactory.GetGrain<IMerchantGrain>(token.MerchantId).GetSettings();
            if (settings is not null)
            {
                return await IssueSessionAsync(settings, token.StaffId, token.Role, token.FamilyId);
            }
        }

        if (wasUsedBefore && token is not null)
        {
            // A spent token came back: either it leaked or the client lost the response to its
            // refresh. Both end the session, so a thief's copy stops working too.
            await RevokeFamilyAsync(token.FamilyId);
            LogRefreshTokenReused(token.MerchantId, token.StaffId, token.FamilyId);
        }

        return Failed(new PointspotError(ErrorCodes.Unauthenticated,
            "The refresh token is invalid, expired, revoked or already used: sign in again with the e-mail address and password."));
    }

    public async Task<bool> SignOut(string refreshToken)
    {
        if (await sessions.FindFamilyAsync(Secrets.Hash(refreshToken.Trim())) is not { } familyId)
        {
            return false;
        }

        await RevokeFamilyAsync(familyId);
        return true;
    }

    private async Task RevokeFamilyAsync(Guid familyId)
    {
        var accessTokens = await sessions.RevokeFamilyAsync(familyId);
        await Task.WhenAll(accessTokens.Select(hash =>
            GrainFactory.GetGrain<ICredentialGrain>(Convert.ToHexStringLower(hash)).Invalidate()));
    }

    private async Task<SessionResult> StartSessionAsync(MerchantSettings settings, Guid staffId, string role)
    {
        Guid familyId = Guid.NewGuid();
        await sessions.CreateFamilyAsync(familyId, staffId, settings.Id);
        return await IssueSessionAsync(settings, staffId, role, familyId);
    }

    private async Task<SessionResult> IssueSessionAsync(MerchantSettings settings, Guid staffId, string role, Guid familyId)
    {
        var now = timeProvider.GetUtcNow();
        string token = Secrets.New(Secrets.StaffTokenPrefix);
        var expiresAt = now + _options.AccessTokenLifetime;
        await accounts.CreateAccessTokenAsync(Secrets.Hash(token), staffId, settings.Id, expiresAt, familyId);

        string refreshToken = Secrets.New(Secrets.RefreshTokenPrefix);
        var refreshExpiresAt = now + _options.RefreshTokenLifetime;
        await sessions.CreateRefreshTokenAsync(Secrets.Hash(refreshToken), familyId, staffId, settings.Id, refreshExpiresAt);
        return new SessionResult(settings, token, expiresAt, null, refreshToken, refreshExpiresAt, role);
    }

    private static SessionResult Failed(PointspotError error) => new(null, null, null, error);

    private static PointspotError EmailTaken(string email) => new(ErrorCodes.EmailTaken,
        $"ownerEmail \"{email}\" already has an account: sign in with it, or sign up with another address.");

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Merchant {MerchantId} signed up, owner {StaffId}")]
    private partial void LogSignedUp(Guid merchantId, Guid staffId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Sign-in failed")]
    private partial void LogSignInFailed();

    [LoggerMessage(EventId = 3103, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} staff {StaffId} accepted an invitation as {Role}")]
    private partial void LogInvitationAccepted(Guid merchantId, Guid staffId, string role);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning,
        Message = "Merchant {MerchantId} staff {StaffId} sent a used refresh token; session family {FamilyId} revoked")]
    private partial void LogRefreshTokenReused(Guid merchantId, Guid staffId, Guid familyId);
}
