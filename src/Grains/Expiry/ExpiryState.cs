namespace Pointspot.Grains.Expiry;

/// <summary>
/// The stored state of a merchant's expiry run: every lot that expired at or before
/// <see cref="ExpiredThrough"/> has been handled.
/// </summary>
[GenerateSerializer, Alias("pointspot.expiry-state.v1")]
public sealed class ExpiryState
{
    [Id(0)]
    public DateTimeOffset ExpiredThrough { get; set; } = DateTimeOffset.UnixEpoch;
}
