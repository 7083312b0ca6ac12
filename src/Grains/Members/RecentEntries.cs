using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

/// <summary>
/// The member's latest entries by idempotency key, so a POS retry is answered without a database
/// round trip. Older keys are still found through the ledger's unique key.
/// </summary>
internal sealed class RecentEntries(int capacity)
{
    // Created on the first write, so a member that is only looked up costs no dictionary.
    private Dictionary<string, StoredLedgerEntry>? _byKey;
    private Queue<string>? _order;

    public bool TryGet(string key, out StoredLedgerEntry entry)
    {
        entry = null!;
        return _byKey is not null && _byKey.TryGetValue(key, out entry!);
    }

    public void Add(StoredLedgerEntry entry)
    {
        _byKey ??= new Dictionary<string, StoredLedgerEntry>(StringComparer.Ordinal);
        _order ??= new Queue<string>();
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
