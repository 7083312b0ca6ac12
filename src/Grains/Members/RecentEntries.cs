using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>
/// The member's latest entries by idempotency key, so a POS retry is answered without a database
/// round trip. Older keys are still found through the ledger's unique key.
/// </summary>
internal sealed class RecentEntries(int capacity)
{
    private readonly Dictionary<string, StoredLedgerEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public bool TryGet(string key, out StoredLedgerEntry entry) => _byKey.TryGetValue(key, out entry!);

    public void Add(StoredLedgerEntry entry)
    {
        if (!_byKey.TryAdd(entry.IdempotencyKey, entry))
        {
            return;
        }

        _order.Enqueue(entry.IdempotencyKey);
        if (_order.Count > capacity)
        {
            _byKey.Remove(_order.Dequeue());
        }
    }
}
