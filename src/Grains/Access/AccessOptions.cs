namespace Pointspot.Grains.Access;

/// <summary>The "Access" configuration section: lifetimes of tokens and invitations.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>How long an access token is accepted after it is issued.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh token may be spent after it is issued.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an invitation's one-time token may be accepted.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);
}
