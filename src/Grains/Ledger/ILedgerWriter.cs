namespace Pointspot.Grains.Ledger;

/// <summary>Appends ledger rows; the returned task completes after the row's transaction commits.</summary>
public interface ILedgerWriter
{
    Task<AppendOutcome> AppendAsync(LedgerRow row, CancellationToken cancellationToken = default);
}
