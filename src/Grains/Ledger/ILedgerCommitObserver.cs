namespace Pointspot.Grains.Ledger;

/// <summary>Told by the ledger writer after each flush that committed rows. Must not block.</summary>
public interface ILedgerCommitObserver
{
    void OnCommitted(int rows);
}
