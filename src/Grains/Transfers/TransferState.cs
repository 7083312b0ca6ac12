using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;

namespace Pointspot.Grains.Transfers;

/// <summary>The stored state of a transfer grain; a null command means no transfer has this key.</summary>
[GenerateSerializer, Alias("pointspot.transfer-state.v1")]
public sealed class TransferState
{
    [Id(0)]
    public TransferCommand? Command { get; set; }

    [Id(1)]
    public TransferStatus Status { get; set; }

    [Id(2)]
    public LedgerEntryView? Debit { get; set; }

    [Id(3)]
    public LedgerEntryView? Credit { get; set; }

    [Id(4)]
    public PointspotError? Error { get; set; }
}
