using CsCheck;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Cards;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;

namespace Pointspot.Grains.Tests.Ledger;

/// <summary>
/// A book restored from a snapshot taken after any entry, then given the later entries, must
/// answer every question a later entry can ask exactly as the book that replayed everything.
/// </summary>
public sealed class LotSnapshotPropertyTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SnapshotAfterAnyEntry_ThenLaterEntries_EqualsFullReplay()
    {
        var operations = Gen.Select(Gen.Int[0, 6], Gen.Int[1, 60]).Array[1, 40];
        operations.Sample(steps =>
        {
            var (entries, end) = Simulate(steps);
            var full = LotBook.Rebuild(entries);
            for (int taken = 0; taken <= entries.Count; taken++)
            {
                var snapshot = LotBook.Rebuild(entries.Take(taken)).ToSnapshot();
                var stored = new MemberSnapshot(snapshot, MemberSnapshot.CardState.From(CardProgress.Empty)).ToJson();
                var restored = LotBook.FromSnapshot(MemberSnapshot.FromJson(stored).Lots);
                foreach (var entry in entries.Skip(taken))
                {
                    restored.Apply(entry);
                }

                AssertSameAnswers(full, restored, entries, end);
            }
        }, iter: 300);
    }

    [Fact]
    public void ToSnapshot_SpentLotNamedByNothing_LeavesItOut()
    {
        var book = LotBook.Rebuild([
            Credit(1, 1, 10, null),
            Credit(2, 2, 5, null),
            new LotEntry(3, 3, LedgerEntryKind.Pull, -10, null, null, null),
        ]);

        var snapshot = book.ToSnapshot();

        Assert.Equal([2L], snapshot.Lots.Select(lot => lot.EntryId));
        Assert.Equal(5, snapshot.Lots[0].Remaining);
    }

    [Fact]
    public void FromSnapshot_PaymentNamingMissingLot_Throws()
    {
        var snapshot = new LotSnapshot([], [new LotSnapshot.PaymentDraws(9, [new LotSnapshot.Draw(4, 10)])]);

        var error = Assert.Throws<InvalidOperationException>(() => LotBook.FromSnapshot(snapshot));
        Assert.Contains("payment 9", error.Message);
    }

    /// <summary>
    /// Turns generated steps into a valid entry sequence, planned with a book that replays it:
    /// credits with and without expiry, pulls, payments, voids of payments and of earns, refunds,
    /// and EXPIRE entries for every lot that falls due as the clock moves.
    /// </summary>
    private static (List<LotEntry> Entries, DateTimeOffset End) Simulate((int Kind, int Value)[] steps)
    {
        var entries = new List<LotEntry>();
        var book = new LotBook();
        var openPayments = new List<(long EntryId, long Points)>();
        var earns = new List<long>();
        var now = Start;
        long nextId = 100;

        void Add(LedgerEntryKind kind, long points, DateTimeOffset? expiresAt, long? reverses)
        {
            var entry = new LotEntry(nextId++, entries.Count + 1, kind, points,
                expiresAt is { } at ? DateOnly.FromDateTime(at.AddDays(-1).UtcDateTime) : null, expiresAt, reverses);
            book.Apply(entry);
            entries.Add(entry);
        }

        foreach (var (kind, value) in steps)
        {
            switch (kind)
            {
                case 0:
                case 1:
                    earns.Add(nextId);
                    Add(kind == 0 ? LedgerEntryKind.Earn : LedgerEntryKind.Send, value,
                        value % 4 == 0 ? null : now.AddDays(value % 30 + 1), null);
                    break;
                case 2 when book.Balance > 0:
                    long paid = Math.Min(value, book.Balance);
                    openPayments.Add((nextId, paid));
                    Add(LedgerEntryKind.Pay, -paid, null, null);
                    break;
                case 3 when openPayments.Count > 0:
                    var payment = openPayments[value % openPayments.Count];
                    openPayments.Remove(payment);
                    Add(LedgerEntryKind.Void, payment.Points, null, payment.EntryId);
                    break;
                case 4 when earns.Count > 0 && book.Balance > 0:
                    Add(value % 2 == 0 ? LedgerEntryKind.Refund : LedgerEntryKind.Void,
                        -Math.Min(value, book.Balance), null, earns[value % earns.Count]);
                    break;
                case 5 when book.Balance > 0:
                    Add(LedgerEntryKind.Pull, -Math.Min(value, book.Balance), null, null);
                    break;
                default:
                    now = now.AddDays(value % 20);
                    foreach (var lot in book.Due(now))
                    {
                        Add(LedgerEntryKind.Expire, -lot.Remaining, null, lot.EntryId);
                    }

                    break;
            }
        }

        return (entries, now);
    }

    private static void AssertSameAnswers(LotBook full, LotBook restored, List<LotEntry> entries, DateTimeOffset end)
    {
        Assert.Equal(full.Balance, restored.Balance);
        Assert.Equal(full.NextExpiry, restored.NextExpiry);
        Assert.Equal(full.Expiring(), restored.Expiring());
        Assert.Equal(Describe(full.Due(end)), Describe(restored.Due(end)));
        foreach (var credit in entries.Where(entry => entry.Points > 0 && entry.Kind.OpensLot()))
        {
            Assert.Equal(full.FindLot(credit.EntryId)?.ExpiredPoints ?? 0, restored.FindLot(credit.EntryId)?.ExpiredPoints ?? 0);
            Assert.Equal(full.FindLot(credit.EntryId)?.Remaining ?? 0, restored.FindLot(credit.EntryId)?.Remaining ?? 0);
            Assert.Equal(full.PlanDebit(full.Balance, credit.EntryId), restored.PlanDebit(restored.Balance, credit.EntryId));
        }

        for (long points = 0; points <= full.Balance + 1; points += Math.Max(1, full.Balance / 3))
        {
            Assert.Equal(full.PlanDebit(points), restored.PlanDebit(points));
        }
    }

    private static List<(long, long, int)> Describe(List<Lot> lots) =>
        lots.Select(lot => (lot.EntryId, lot.Remaining, lot.Expirations)).ToList();

    private static LotEntry Credit(long id, long sequence, long points, DateTimeOffset? expiresAt) =>
        new(id, sequence, LedgerEntryKind.Earn, points, null, expiresAt, null);
}
