namespace Pointspot.Grains.Interfaces.Expiry;

/// <summary>
/// The expiry run of one merchant, keyed by the merchant id. An Orleans reminder calls it
/// periodically; each run finds the members whose lots expired since the last complete run and
/// has each member grain write its EXPIRE entries.
/// </summary>
public interface IExpiryGrain : IGrainWithGuidKey
{
    /// <summary>Registers the merchant's expiry reminder; calling it again changes nothing.</summary>
    Task Start();

    /// <summary>Expires every lot due now; what the reminder runs.</summary>
    Task<ExpiryRunResult> RunOnce();
}

/// <summary>
/// What one expiry run did: the members it asked to expire lots, the points expired, and the
/// members whose call failed (they are asked again by the next run).
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.expiry-run-result")]
public sealed record ExpiryRunResult(
    [property: Id(0)] int Members,
    [property: Id(1)] long Points,
    [property: Id(2)] int Failed);
