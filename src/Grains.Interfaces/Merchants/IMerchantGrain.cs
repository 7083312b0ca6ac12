using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Merchants;

/// <summary>One merchant, keyed by its id: settings, API keys and ledger totals.</summary>
public interface IMerchantGrain : IGrainWithGuidKey
{
    /// <summary>Stores the settings of a new merchant; called once, by sign-up.</summary>
    Task<MerchantSettings> Initialize(string name, string timeZone);

    /// <summary>Returns the settings, or null when no merchant has this id.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<MerchantSettings?> GetSettings();

    Task<MerchantResult> SetEarnRule(decimal spendPerPoint, decimal? minimumSpend, Actor actor);

    /// <summary>Sets when credited points expire; lots credited before keep their dates.</summary>
    Task<MerchantResult> SetExpiryPolicy(ExpiryPolicy policy, Actor actor);

    /// <summary>Sets the money value of one point for payWithPoints; null turns paying with points off.</summary>
    Task<MerchantResult> SetPointValue(decimal? pointValue, Actor actor);

    /// <summary>Creates an API key of a scope from <see cref="Access.ApiKeyScopes"/>; the secret is returned once.</summary>
    Task<CreateApiKeyResult> CreateApiKey(string name, string scope, Actor actor);

    Task<ApiKeyResult> RevokeApiKey(Guid apiKeyId, Actor actor);

    [ReadOnly]
    Task<IReadOnlyList<ApiKeyView>> ListApiKeys();

    [ReadOnly, AlwaysInterleave]
    Task<PointsSummary> GetPointsSummary();
}

/// <summary>
/// Sign-up, sign-in and sessions of merchant staff. A stateless worker, because e-mail addresses
/// are unique across all merchants and checked by the database, not by any one merchant grain.
/// </summary>
public interface IMerchantAccountsGrain : IGrainWithIntegerKey
{
    Task<SessionResult> SignUp(string name, string ownerEmail, string password, string timeZone);

    Task<SessionResult> SignIn(string email, string password);

    /// <summary>Creates the staff account of an invitation with a password, and signs it in.</summary>
    Task<SessionResult> AcceptInvitation(string invitationToken, string password);

    /// <summary>
    /// Spends a refresh token for a new access token and a new refresh token. A refresh token that
    /// was already spent revokes its whole session family, access tokens included.
    /// </summary>
    Task<SessionResult> Refresh(string refreshToken);

    /// <summary>Revokes the session family of a refresh token; returns false when the token is unknown.</summary>
    Task<bool> SignOut(string refreshToken);
}
