using CsCheck;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Tests.Expiry;

public sealed class LotBookTests
{
    private static readonly DateTimeOffset June = new(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset January = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));

    private static LotEntry Credit(long id, long points, DateTimeOffset? expiresAt) =>
        new(id, id, LedgerEntryKind.Send, points,
            expiresAt is { } at ? DateOnly.FromDateTime(at.AddDays(-1).DateTime) : null, expiresAt, null);

    private static LotEntry Debit(long id, LedgerEntryKind kind, long points, long? reverses = null) =>
        new(id, id, kind, -points, null, null, reverses);

    [Fact]
    public void Debit_TakesSoonestExpiryFirst_NeverLast()
    {
        var book = LotBook.Rebuild([
            Credit(1, 10, null),
            Credit(2, 5, January),
            Credit(3, 5, June),
            Debit(4, LedgerEntryKind.Pull, 7),
        ]);

        Assert.Equal(10, book.FindLot(1)!.Remaining);
        Assert.Equal(5 - (7 - 5), book.FindLot(2)!.Remaining);
        Assert.Equal(0, book.FindLot(3)!.Remaining);
        Assert.Equal(10 + 5 + 5 - 7, book.Balance);
    }

    [Fact]
    public void Due_PartlySpentLot_ListsRest()
    {
        var book = LotBook.Rebuild([Credit(1, 100, June), Debit(2, LedgerEntryKind.Pull, 30)]);

        Assert.Empty(book.Due(June.AddTicks(-1)));
        Lot due = Assert.Single(book.Due(June));
        Assert.Equal(1, due.EntryId);
        Assert.Equal(100 - 30, due.Remaining);
    }

    [Fact]
    public void Expire_RemovesRest_LotClosed()
    {
        var book = LotBook.Rebuild([
            Credit(1, 100, June),
            Debit(2, LedgerEntryKind.Pull, 30),
            new LotEntry(3, 3, LedgerEntryKind.Expire, -70, null, null, 1),
        ]);

        Assert.Equal(0, book.Balance);
        Assert.Empty(book.Due(January));
        Assert.Empty(book.Expiring());
        Assert.Equal(1, book.FindLot(1)!.Expirations);
    }

    [Fact]
    public void VoidOfPayment_RestoresSameLots()
    {
        var book = LotBook.Rebuild([
            Credit(1, 10, null),
            Credit(2, 8, June),
            Credit(3, 4, January),
            Debit(4, LedgerEntryKind.Pay, 10),
            Debit(5, LedgerEntryKind.Pull, 3),
            new LotEntry(6, 6, LedgerEntryKind.Void, 10, null, null, 4),
        ]);

        // The payment took 8 from the June lot and 2 from the January lot. The pull then took
        // the January lot's other 2 and 1 point of the lot that never expires.
        Assert.Equal(8, book.FindLot(2)!.Remaining);
        Assert.Equal(2, book.FindLot(3)!.Remaining);
        Assert.Equal(9, book.FindLot(1)!.Remaining);
        Assert.Equal(10 + 8 + 4 - 10 - 3 + 10, book.Balance);
    }

    [Fact]
    public void VoidOfEarn_TakesFromOwnLotFirst()
    {
        var book = LotBook.Rebuild([
            Credit(1, 10, June),
            new LotEntry(2, 2, LedgerEntryKind.Earn, 6, new DateOnly(2026, 12, 31), January, null),
            new LotEntry(3, 3, LedgerEntryKind.Void, -6, null, null, 2),
        ]);

        Assert.Equal(10, book.FindLot(1)!.Remaining);
        Assert.Equal(0, book.FindLot(2)!.Remaining);
    }

    [Fact]
    public void Expiring_GroupsByDate_SoonestFirst()
    {
        var book = LotBook.Rebuild([
            Credit(1, 3, January),
            Credit(2, 4, June),
            Credit(3, 5, June),
            Credit(4, 6, null),
        ]);

        List<ExpiringPointsView> expiring = book.Expiring();

        Assert.Equal(2, expiring.Count);
        Assert.Equal(new ExpiringPointsView(4 + 5, new DateOnly(2026, 5, 31)), expiring[0]);
        Assert.Equal(new ExpiringPointsView(3, new DateOnly(2026, 12, 31)), expiring[1]);
    }

    [Fact]
    public void Debit_MoreThanLots_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            LotBook.Rebuild([Credit(1, 5, null), Debit(2, LedgerEntryKind.Pull, 6)]));
    }

    /// <summary>
    /// Random credits and debits: the lots' remainders always add up to the running sum of the
    /// entries, and each debit is planned from lots that hold exactly its points.
    /// </summary>
    [Fact]
    public void RandomEntries_LotsMatchRunningSum()
    {
        var step = Gen.Select(Gen.Int[-20, 30], Gen.Int[0, 3]);
        step.Array[1, 40].Sample(steps =>
        {
            var book = new LotBook();
            long sum = 0;
            long id = 0;
            foreach (var (points, expiryChoice) in steps)
            {
                id++;
                if (points > 0)
                {
                    DateTimeOffset? expiresAt = expiryChoice == 0 ? null : June.AddMonths(expiryChoice);
                    book.Apply(Credit(id, points, expiresAt));
                    sum += points;
                }
                else if (points < 0 && -points <= sum)
                {
                    var draws = book.PlanDebit(-points)!;
                    book.Apply(Debit(id, LedgerEntryKind.Pull, -points));
                    sum += points;
                    Assert.Equal(-points, draws.Sum(draw => draw.Points));
                }

                Assert.Equal(sum, book.Balance);
            }
        }, iter: 500);
    }
}
