namespace Pointspot.Grains.Interfaces.Access;

/// <summary>
/// The audit log of changes to points and settings by staff and API keys. A stateless worker, so
/// every silo appends through its own batching writer.
/// </summary>
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    /// <summary>Appends one entry; returns after its row is committed.</summary>
    Task Append(AuditEntry entry);

    /// <summary>Returns up to <paramref name="first"/> entries of a merchant, newest first, older than <paramref name="before"/>.</summary>
    [ReadOnly]
    Task<AuditPage> Read(Guid merchantId, int first, long? before);
}

/// <summary>
/// One change by staff or an API key. <see cref="Details"/> is a JSON object: the operation's
/// arguments with secrets removed.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.audit-entry")]
public sealed record AuditEntry(
    [property: Id(0)] Guid MerchantId,
    [property: Id(1)] CallerKind ActorKind,
    [property: Id(2)] Guid ActorId,
    [property: Id(3)] string Role,
    [property: Id(4)] string Action,
    [property: Id(5)] string? Target,
    [property: Id(6)] string Details,
    [property: Id(7)] string? RemoteAddress)
{
    /// <summary>Returns the actor kind as stored in audit_log.actor_kind: staff or api-key.</summary>
    public static string KindName(CallerKind kind) => kind == CallerKind.Staff ? "staff" : "api-key";
}

/// <summary>An audit entry as stored, with its sequence number and commit time.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.audit-record")]
public sealed record AuditRecord(
    [property: Id(0)] long Id,
    [property: Id(1)] AuditEntry Entry,
    [property: Id(2)] DateTimeOffset OccurredAt);

[GenerateSerializer, Immutable, Alias("pointspot.audit-page")]
public sealed record AuditPage(
    [property: Id(0)] IReadOnlyList<AuditRecord> Entries,
    [property: Id(1)] bool HasNextPage);
