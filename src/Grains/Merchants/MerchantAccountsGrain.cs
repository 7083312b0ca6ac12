using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Pointspot.Grains.Access;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Merchants;

/// <summary>
/// Sign-up and sign-in. A stateless worker: password hashing is slow on purpose and must not
/// queue behind one activation.
/// </summary>
[StatelessWorker]
public sealed partial class MerchantAccountsGrain(
    AccountStore accounts,
    TimeProvider timeProvider,
    ILogger<MerchantAccountsGrain> logger) : Grain, IMerchantAccountsGrain
{
    /// <summary>How long a staff token is accepted after sign-in.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(12);

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
        if (!await accounts.CreateStaffAsync(staffId, merchantId, email, passwordHash, "owner"))
        {
            return Failed(EmailTaken(email));
        }

        LogSignedUp(merchantId, staffId);
        return await IssueTokenAsync(settings, staffId);
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

        return await IssueTokenAsync(settings, staff.StaffId);
    }

    private async Task<SessionResult> IssueTokenAsync(MerchantSettings settings, Guid staffId)
    {
        string token = Secrets.New(Secrets.StaffTokenPrefix);
        var expiresAt = timeProvider.GetUtcNow() + AccessTokenLifetime;
        await accounts.CreateAccessTokenAsync(Secrets.Hash(token), staffId, settings.Id, expiresAt);
        return new SessionResult(settings, token, expiresAt, null);
    }

    private static SessionResult Failed(PointspotError error) => new(null, null, null, error);

    private static PointspotError EmailTaken(string email) => new(ErrorCodes.EmailTaken,
        $"ownerEmail \"{email}\" already has an account: sign in with it, or sign up with another address.");

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Merchant {MerchantId} signed up, owner {StaffId}")]
    private partial void LogSignedUp(Guid merchantId, Guid staffId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Sign-in failed")]
    private partial void LogSignInFailed();
}
