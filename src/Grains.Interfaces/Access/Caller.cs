namespace Pointspot.Grains.Interfaces.Access;

public enum CallerKind
{
    /// <summary>A signed-in member of the merchant's staff, such as the owner.</summary>
    Staff = 1,

    /// <summary>A device or partner calling with an API key.</summary>
    ApiKey = 2,
}

/// <summary>
/// The authenticated caller of a request. <see cref="Role"/> is the staff role (owner, admin or
/// cashier) or the key's scope (pos, partner or admin); every request is scoped to
/// <see cref="MerchantId"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.caller")]
public sealed record Caller(
    [property: Id(0)] Guid MerchantId,
    [property: Id(1)] CallerKind Kind,
    [property: Id(2)] Guid SubjectId,
    [property: Id(3)] string Role,
    [property: Id(4)] DateTimeOffset? ExpiresAt);

/// <summary>
/// One bearer secret, keyed by the lowercase hex SHA-256 of the secret. The grain resolves it to
/// its caller from the database once and keeps the result while active, so a revocation is
/// applied cluster-wide by deactivating this grain.
/// </summary>
public interface ICredentialGrain : IGrainWithStringKey
{
    [ReadOnly, AlwaysInterleave]
    Task<Caller?> Resolve();

    /// <summary>Forgets the cached caller, so the next call reads the database again.</summary>
    Task Invalidate();
}
