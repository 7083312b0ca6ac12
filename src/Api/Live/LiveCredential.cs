using Pointspot.Api.Http;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.Live;

/// <summary>The "Live" configuration section: settings shared by GraphQL over WebSocket and the dashboard hub.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// How often an open connection resolves its bearer secret again, so that a revoked API key,
    /// a removed staff member or an expired token loses the connection. An event is delivered only
    /// after a check within this interval; zero checks before every delivery.
    /// </summary>
    public TimeSpan CredentialCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait between the periodic checks: the interval, or one second when it is zero.</summary>
    public TimeSpan CredentialCheckPeriod =>
        CredentialCheckInterval > TimeSpan.Zero ? CredentialCheckInterval : TimeSpan.FromSeconds(1);
}

/// <summary>
/// The bearer secret of one live connection and when it last resolved to a caller. The credential
/// grain caches the caller and is invalidated when a key is revoked or a staff member removed, so
/// a check is an in-memory grain call.
/// </summary>
internal sealed class LiveCredential(IGrainFactory grains, string secret, TimeSpan interval, TimeProvider clock)
{
    private long _validAt = clock.GetTimestamp();

    /// <summary>True when no check has succeeded within the interval, so events must wait for one.</summary>
    public bool IsStale => clock.GetElapsedTime(Volatile.Read(ref _validAt)) >= interval;

    /// <summary>
    /// Resolves the secret again. Returns false when it no longer names a caller (revoked,
    /// removed or expired). A failed grain call throws and leaves the credential stale.
    /// </summary>
    public async Task<bool> CheckAsync()
    {
        long started = clock.GetTimestamp();
        Caller? caller = await BearerSecrets.ResolveAsync(grains, secret);
        if (caller is null)
        {
            return false;
        }

        Volatile.Write(ref _validAt, started);
        return true;
    }
}
