using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// A member's lots, rebuilt by applying the member's ledger entries in sequence order. Debits
/// take from the open lot that expires soonest (ties by credit order), and lots that never
/// expire go last. A member grain plans each debit with the same rule it replays, so the
/// remainders rebuilt from the ledger equal the ones the grain held.
/// </summary>
public sealed class LotBook
{
    private static readonly Comparer<Lot> SpendOrder = Comparer<Lot>.Create((x, y) =>
    {
        int byExpiry = (x.ExpiresAt ?? DateTimeOffset.MaxValue).CompareTo(y.ExpiresAt ?? DateTimeOffset.MaxValue);
        return byExpiry != 0 ? byExpiry : x.Sequence.CompareTo(y.Sequence);
    });

    private readonly SortedSet<Lot> _open = new(SpendOrder);
    private readonly Dictionary<long, Lot> _lots = [];

    // The lots each payment took from, so that voiding the payment restores those same lots.
    private readonly Dictionary<long, List<LotDraw>> _payments = [];

    /// <summary>The sum of every lot's remaining points.</summary>
    public long Balance { get; private set; }

    /// <summary>Returns the instant the soonest open lot stops being spendable, or null when none expires.</summary>
    public DateTimeOffset? NextExpiry => _open.Count == 0 ? null : _open.Min!.ExpiresAt;

    public static LotBook Rebuild(IEnumerable<LotEntry> entries)
    {
        var book = new LotBook();
        foreach (var entry in entries)
        {
            book.Apply(entry);
        }

        return book;
    }

    /// <summary>
    /// Returns a book that continues from <paramref name="snapshot"/>: applying the entries after
    /// the snapshot's entry gives the same remainders as replaying the whole history.
    /// </summary>
    public static LotBook FromSnapshot(LotSnapshot snapshot)
    {
        var book = new LotBook();
        foreach (var state in snapshot.Lots)
        {
            var lot = new Lot(state.EntryId, state.Sequence, state.Points, state.ExpiresOn, state.ExpiresAt)
            {
                Expirations = state.Expirations,
                ExpiredPoints = state.ExpiredPoints,
            };
            book._lots.Add(lot.EntryId, lot);
            if (state.Remaining > 0)
            {
                book.Refill(lot, state.Remaining);
            }
        }

        foreach (var payment in snapshot.Payments)
        {
            if (payment.Draws.Any(draw => !book._lots.ContainsKey(draw.LotEntryId)))
            {
                throw new InvalidOperationException(
                    $"The snapshot's payment {payment.PayEntryId} names a lot the snapshot does not hold.");
            }

            book._payments.Add(payment.PayEntryId,
                payment.Draws.Select(draw => new LotDraw(draw.LotEntryId, draw.Points)).ToList());
        }

        return book;
    }

    /// <summary>Returns the lots and payments that a later entry can still change or read (<see cref="LotSnapshot"/>).</summary>
    public LotSnapshot ToSnapshot()
    {
        var named = _payments.Values.SelectMany(draws => draws).Select(draw => draw.LotEntryId).ToHashSet();
        var lots = _lots.Values
            .Where(lot => lot.Remaining > 0 || lot.Expirations > 0 || named.Contains(lot.EntryId))
            .OrderBy(lot => lot.Sequence)
            .Select(lot => new LotSnapshot.LotState(lot.EntryId, lot.Sequence, lot.Points, lot.ExpiresOn,
                lot.ExpiresAt, lot.Remaining, lot.Expirations, lot.ExpiredPoints))
            .ToList();
        var payments = _payments
            .OrderBy(pair => pair.Key)
            .Select(pair => new LotSnapshot.PaymentDraws(pair.Key,
                pair.Value.Select(draw => new LotSnapshot.Draw(draw.LotEntryId, draw.Points)).ToList()))
            .ToList();
        return new LotSnapshot(lots, payments);
    }

    /// <summary>Applies one committed entry. Entries must come in the member's sequence order.</summary>
    public void Apply(LotEntry entry)
    {
        if (entry.Points > 0 && entry.Kind.OpensLot())
        {
            var lot = new Lot(entry.EntryId, entry.Sequence, entry.Points, entry.ExpiresOn, entry.ExpiresAt);
            _lots.Add(lot.EntryId, lot);
            Refill(lot, entry.Points);
        }
        else if (entry.Kind == LedgerEntryKind.Expire)
        {
            var lot = FindLot(entry, entry.ReversesEntryId);
            Draw(lot, -entry.Points, entry);
            lot.Expirations++;
            lot.ExpiredPoints += -entry.Points;
        }
        else if (entry.Kind == LedgerEntryKind.Void && entry.Points > 0)
        {
            Restore(entry);
        }
        else if (entry.Points < 0)
        {
            var draws = PlanDebit(-entry.Points, PreferredLot(entry))
                ?? throw Inconsistent(entry, $"it takes {-entry.Points} points from lots holding {Balance}");
            foreach (var draw in draws)
            {
                Draw(_lots[draw.LotEntryId], draw.Points, entry);
            }

            if (entry.Kind == LedgerEntryKind.Pay)
            {
                _payments[entry.EntryId] = draws;
            }
        }
    }

    /// <summary>
    /// Returns the lots a debit of <paramref name="points"/> would take from, or null when they
    /// hold too few. A void of a sale takes back its earned points from the sale's own lot first
    /// (<paramref name="firstLot"/>); other debits start with the lot that expires soonest.
    /// </summary>
    public List<LotDraw>? PlanDebit(long points, long? firstLot = null)
    {
        if (points > Balance)
        {
            return null;
        }

        var draws = new List<LotDraw>();
        long left = points;
        if (firstLot is { } firstId && _lots.TryGetValue(firstId, out var own) && own.Remaining > 0)
        {
            long taken = Math.Min(own.Remaining, left);
            draws.Add(new LotDraw(own.EntryId, taken));
            left -= taken;
        }

        foreach (var lot in _open.Where(lot => lot.EntryId != firstLot))
        {
            if (left == 0)
            {
                break;
            }

            long taken = Math.Min(lot.Remaining, left);
            draws.Add(new LotDraw(lot.EntryId, taken));
            left -= taken;
        }

        return draws;
    }

    /// <summary>Returns the open lots that can no longer be spent at <paramref name="now"/>.</summary>
    public List<Lot> Due(DateTimeOffset now) =>
        _open.TakeWhile(lot => lot.ExpiresAt is { } expiresAt && expiresAt <= now).ToList();

    /// <summary>Returns the open lots' remaining points by expiry date, soonest first.</summary>
    public List<ExpiringPointsView> Expiring() =>
        _open.Where(lot => lot.ExpiresOn is not null)
            .GroupBy(lot => lot.ExpiresOn!.Value)
            .Select(group => new ExpiringPointsView(group.Sum(lot => lot.Remaining), group.Key))
            .OrderBy(view => view.ExpiresOn)
            .ToList();

    public Lot? FindLot(long entryId) => _lots.GetValueOrDefault(entryId);

    /// <summary>
    /// Returns the lot a debit takes from first: for a VOID or REFUND, the lot of the earn entry it
    /// reverses, so the sale's own points go back before any other.
    /// </summary>
    public static long? PreferredLot(LotEntry entry) =>
        entry.Kind is LedgerEntryKind.Void or LedgerEntryKind.Refund ? entry.ReversesEntryId : null;

    private void Restore(LotEntry entry)
    {
        if (entry.ReversesEntryId is not { } payEntryId || !_payments.Remove(payEntryId, out var draws))
        {
            throw Inconsistent(entry, $"it restores payment {entry.ReversesEntryId}, which has no open draws");
        }

        if (draws.Sum(draw => draw.Points) != entry.Points)
        {
            throw Inconsistent(entry, $"it restores {entry.Points} points of a payment that took {draws.Sum(draw => draw.Points)}");
        }

        foreach (var draw in draws)
        {
            Refill(_lots[draw.LotEntryId], draw.Points);
        }
    }

    private Lot FindLot(LotEntry entry, long? lotEntryId) =>
        lotEntryId is { } id && _lots.TryGetValue(id, out var lot)
            ? lot
            : throw Inconsistent(entry, $"it names lot {lotEntryId}, which the member does not have");

    private void Refill(Lot lot, long points)
    {
        _open.Remove(lot);
        lot.Remaining += points;
        _open.Add(lot);
        Balance += points;
    }

    private void Draw(Lot lot, long points, LotEntry entry)
    {
        if (points < 0 || points > lot.Remaining)
        {
            throw Inconsistent(entry, $"it takes {points} points from lot {lot.EntryId}, which has {lot.Remaining} left");
        }

        _open.Remove(lot);
        lot.Remaining -= points;
        if (lot.Remaining > 0)
        {
            _open.Add(lot);
        }

        Balance -= points;
    }

    private static InvalidOperationException Inconsistent(LotEntry entry, string problem) =>
        new($"Ledger entry {entry.EntryId} (seq {entry.Sequence}, {entry.Kind.ToDatabase()}) does not fit the "
            + $"member's lots: {problem}. The ledger was changed outside Pointspot; check the member's entries.");
}

/// <summary>Points a debit takes from one lot.</summary>
public readonly record struct LotDraw(long LotEntryId, long Points);
