using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Grains.Access;

/// <summary>
/// Resolves one bearer secret (keyed by its SHA-256 in hex) to its caller, reading the database
/// once per activation. Revoking a key deactivates this grain, so the next request re-reads.
/// </summary>
public sealed class CredentialGrain(AccountStore accounts, TimeProvider timeProvider) : Grain, ICredentialGrain
{
    private Caller? _caller;
    private bool _loaded;

    public async Task<Caller?> Resolve()
    {
        if (!_loaded)
        {
            _caller = await accounts.ResolveAsync(Convert.FromHexString(this.GetPrimaryKeyString()));
            _loaded = true;
        }

        if (_caller?.ExpiresAt is { } expiresAt && expiresAt <= timeProvider.GetUtcNow())
        {
            return null;
        }

        return _caller;
    }

    public Task Invalidate()
    {
        _loaded = false;
        _caller = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
