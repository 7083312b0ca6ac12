using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Members;

[Collection(ClusterCollection.Name)]
public sealed class MemberGrainTests(PointspotClusterFixture fixture)
{
    private const string Phone = "081-234-5678";
    private const string E164 = "+66812345678";

    [Fact]
    public async Task CollectPoints_NewMember_EarnsRoundedDown()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 25.00m);
        var member = fixture.Member(merchantId, Phone);
        var command = Collect(100.50m, "R-100");
        long expected = ExpectedPoints(100.50m, 25.00m);

        PointsChangeResult result = await member.CollectPoints(command);

        Assert.Null(result.Error);
        Assert.False(result.Replayed);
        Assert.NotNull(result.Entry);
        Assert.Equal(4, expected);
        Assert.Equal(LedgerEntryKind.Earn, result.Entry.Kind);
        Assert.Equal(expected, result.Entry.Points);
        Assert.Equal(100.50m, result.Entry.Amount);
        Assert.Equal("R-100", result.Entry.ReceiptNumber);
        Assert.Equal(1, result.Entry.Sequence);
        Assert.Equal(expected, result.Entry.BalanceAfter);
        Assert.Equal(command.OccurredAt, result.Entry.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(7), result.Entry.OccurredAt.Offset);
        Assert.NotNull(result.Member);
        Assert.Equal(E164, result.Member.Phone);
        Assert.Equal(MemberStatus.PendingSignUp, result.Member.Status);
        Assert.Equal(expected, result.Member.Balance);
        Assert.Equal(expected, result.Member.LifetimePoints);
    }

    [Fact]
    public async Task CollectPoints_SeveralPurchases_AddsEachRoundedDown()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 3.33m);
        var member = fixture.Member(merchantId, Phone);
        decimal[] amounts = [9.99m, 9.98m, 100.00m, 0.00m, 3.32m];

        long expectedBalance = 0;
        for (int i = 0; i < amounts.Length; i++)
        {
            PointsChangeResult result = await member.CollectPoints(Collect(amounts[i], $"R-{i}"));

            expectedBalance += ExpectedPoints(amounts[i], 3.33m);
            Assert.Null(result.Error);
            Assert.Equal(ExpectedPoints(amounts[i], 3.33m), result.Entry!.Points);
            Assert.Equal(expectedBalance, result.Entry.BalanceAfter);
        }

        MemberView? view = await member.GetMember();
        Assert.NotNull(view);
        Assert.Equal(3 + 2 + 30 + 0 + 0, expectedBalance);
        Assert.Equal(expectedBalance, view.Balance);
        Assert.Equal(expectedBalance, view.LifetimePoints);
    }

    [Fact]
    public async Task CollectPoints_ZeroAmount_WritesZeroEarn()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult result = await member.CollectPoints(Collect(0.00m, "R-zero"));

        Assert.Null(result.Error);
        Assert.Equal(LedgerEntryKind.Earn, result.Entry!.Kind);
        Assert.Equal(0, result.Entry.Points);
        Assert.Equal(0.00m, result.Entry.Amount);
        Assert.Equal(0, result.Member!.Balance);
        Assert.Equal(MemberStatus.PendingSignUp, result.Member.Status);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        StoredRow row = Assert.Single(rows);
        Assert.Equal("EARN", row.Kind);
        Assert.Equal(0, row.Points);
    }

    [Fact]
    public async Task CollectPoints_BelowMinimumSpend_EarnsNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 25.00m, minimumSpend: 100.00m);
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult below = await member.CollectPoints(Collect(99.99m, "R-below"));
        PointsChangeResult at = await member.CollectPoints(Collect(100.00m, "R-at"));

        Assert.Equal(0, below.Entry!.Points);
        Assert.Equal(ExpectedPoints(100.00m, 25.00m), at.Entry!.Points);
        Assert.Equal(ExpectedPoints(100.00m, 25.00m), at.Member!.Balance);
    }

    [Fact]
    public async Task CollectPoints_NegativeAmount_WritesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult result = await member.CollectPoints(Collect(-10.00m, "R-negative"));

        Assert.NotNull(result.Error);
        Assert.Equal(ErrorCodes.InvalidAmount, result.Error.Code);
        Assert.Null(result.Entry);
        Assert.Null(await member.GetMember());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task CollectPoints_UnknownMerchant_ReturnsNotFound()
    {
        var member = fixture.Member(Guid.NewGuid(), Phone);

        PointsChangeResult result = await member.CollectPoints(Collect(50.00m, "R-1"));

        Assert.Equal(ErrorCodes.NotFound, result.Error?.Code);
    }

    [Fact]
    public async Task SendThenPull_ChangesBalanceNotLifetime()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult sent = await member.SendPoints(Adjust(30, "send-1", "birthday gift"));
        PointsChangeResult pulled = await member.PullPoints(Adjust(12, "pull-1", "refunded purchase"));

        Assert.Null(sent.Error);
        Assert.Equal(LedgerEntryKind.Send, sent.Entry!.Kind);
        Assert.Equal(30, sent.Entry.Points);
        Assert.Equal("birthday gift", sent.Entry.Reason);
        Assert.Null(sent.Entry.Amount);
        Assert.Null(pulled.Error);
        Assert.Equal(LedgerEntryKind.Pull, pulled.Entry!.Kind);
        Assert.Equal(-12, pulled.Entry.Points);
        Assert.Equal(30 - 12, pulled.Entry.BalanceAfter);
        Assert.Equal(30 - 12, pulled.Member!.Balance);
        Assert.Equal(30, pulled.Member.LifetimePoints);
    }

    [Fact]
    public async Task CollectPoints_SameKeyAgain_ReplaysEntry()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        var command = Collect(75.00m, "R-75", "pos-retry-1");

        PointsChangeResult first = await member.CollectPoints(command);
        PointsChangeResult second = await member.CollectPoints(command);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Null(second.Error);
        Assert.Equal(first.Entry!.Id, second.Entry!.Id);
        Assert.Equal(first.Entry.Points, second.Entry.Points);
        Assert.Equal(ExpectedPoints(75.00m, 25.00m), second.Member!.Balance);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task CollectPoints_ReplayAfterDeactivation_ReplaysEntry()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        var command = Collect(75.00m, "R-75", "pos-retry-2");
        PointsChangeResult first = await member.CollectPoints(command);

        // A new activation has no recent keys, so the ledger's unique key finds the entry.
        await fixture.Cluster.DeactivateAsync(member);
        PointsChangeResult second = await member.CollectPoints(command);

        Assert.True(second.Replayed);
        Assert.Null(second.Error);
        Assert.Equal(first.Entry!.Id, second.Entry!.Id);
        Assert.Equal(first.Member!.Balance, second.Member!.Balance);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task CollectPoints_SameKeyOtherAmount_ReturnsKeyReused()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(75.00m, "R-75", "pos-key-1"));

        PointsChangeResult reused = await member.CollectPoints(Collect(80.00m, "R-75", "pos-key-1"));

        Assert.NotNull(reused.Error);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Error.Code);
        Assert.Contains("pos-key-1", reused.Error.Message);
        Assert.Null(reused.Entry);
        Assert.Equal(ExpectedPoints(75.00m, 25.00m), (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task CollectPoints_KeyReusedAfterDeactivation_ReturnsKeyReused()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(75.00m, "R-75", "pos-key-2"));
        await fixture.Cluster.DeactivateAsync(member);

        PointsChangeResult reused = await member.CollectPoints(Collect(80.00m, "R-80", "pos-key-2"));

        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Error?.Code);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task SendPoints_KeyOfOtherMember_ReturnsKeyReused()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, "0811111111").SendPoints(Adjust(5, "shared-key"));

        PointsChangeResult reused = await fixture.Member(merchantId, "0822222222").SendPoints(Adjust(5, "shared-key"));

        Assert.Equal(ErrorCodes.IdempotencyKeyReused, reused.Error?.Code);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, "+66822222222"));
    }

    [Fact]
    public async Task CollectPoints_ReceiptOfOtherMember_ReturnsDuplicateReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var first = fixture.Member(merchantId, "0811111111");
        var second = fixture.Member(merchantId, "0822222222");
        await first.CollectPoints(Collect(60.00m, "R-SHARED", "key-first"));

        PointsChangeResult duplicate = await second.CollectPoints(Collect(60.00m, "R-SHARED", "key-second"));

        Assert.NotNull(duplicate.Error);
        Assert.Equal(ErrorCodes.DuplicateReceipt, duplicate.Error.Code);
        Assert.Contains("R-SHARED", duplicate.Error.Message);
        Assert.Null(duplicate.Entry);
        Assert.Null(await second.GetMember());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, "+66822222222"));
        Assert.Equal(ExpectedPoints(60.00m, 25.00m), (await first.GetMember())!.Balance);
    }

    [Fact]
    public async Task CollectPoints_ReceiptAgainNewKey_ReturnsDuplicateReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(60.00m, "R-7", "key-a"));

        PointsChangeResult duplicate = await member.CollectPoints(Collect(60.00m, " R-7 ", "key-b"));

        Assert.Equal(ErrorCodes.DuplicateReceipt, duplicate.Error?.Code);
        Assert.Equal(ExpectedPoints(60.00m, 25.00m), (await member.GetMember())!.Balance);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task CollectPoints_SameReceiptOtherMerchant_Earns()
    {
        Guid firstMerchant = await fixture.CreateMerchantAsync();
        Guid secondMerchant = await fixture.CreateMerchantAsync();
        await fixture.Member(firstMerchant, Phone).CollectPoints(Collect(50.00m, "R-1", "key-1"));

        var otherMember = fixture.Member(secondMerchant, Phone);

        PointsChangeResult other = await otherMember.CollectPoints(Collect(50.00m, "R-1", "key-1"));

        Assert.Null(other.Error);
        Assert.False(other.Replayed);
        Assert.Equal(ExpectedPoints(50.00m, 25.00m), other.Member!.Balance);
    }

    [Fact]
    public async Task PullPoints_MoreThanBalance_ReturnsInsufficientPoints()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(10, "send-10"));

        PointsChangeResult result = await member.PullPoints(Adjust(11, "pull-11"));

        Assert.NotNull(result.Error);
        Assert.Equal(ErrorCodes.InsufficientPoints, result.Error.Code);
        Assert.Contains("has 10 points", result.Error.Message);
        Assert.Equal(10, (await member.GetMember())!.Balance);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task PullPoints_WholeBalance_LeavesZero()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(10, "send-10"));

        PointsChangeResult result = await member.PullPoints(Adjust(10, "pull-10"));

        Assert.Null(result.Error);
        Assert.Equal(0, result.Member!.Balance);
    }

    [Fact]
    public async Task PullPoints_UnknownMember_ReturnsMemberNotFound()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult result = await member.PullPoints(Adjust(1, "pull-1"));

        Assert.Equal(ErrorCodes.MemberNotFound, result.Error?.Code);
        Assert.Null(await member.GetMember());
    }

    [Fact]
    public async Task PullPoints_ParallelFromFifty_NeverNegative()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(50, "send-50"));

        PointsChangeResult[] results = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(i => member.PullPoints(Adjust(10, $"pull-{i}"))));

        Assert.Equal(5, results.Count(r => r.Error is null));
        Assert.Equal(5, results.Count(r => r.Error?.Code == ErrorCodes.InsufficientPoints));
        Assert.Equal(0, (await member.GetMember())!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(6, rows.Count);
        Assert.All(rows, row => Assert.True(row.BalanceAfter >= 0, $"Entry {row.Sequence} left {row.BalanceAfter}"));
        Assert.Equal(0, rows[^1].BalanceAfter);
    }

    [Fact]
    public async Task SendPoints_InvalidPoints_WritesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult zero = await member.SendPoints(Adjust(0, "send-0"));
        PointsChangeResult negative = await member.SendPoints(Adjust(-5, "send-negative"));

        Assert.Equal(ErrorCodes.InvalidPoints, zero.Error?.Code);
        Assert.Equal(ErrorCodes.InvalidPoints, negative.Error?.Code);
        Assert.Null(await member.GetMember());
    }

    [Fact]
    public async Task PointsSummary_AfterChanges_Reconciles()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var first = fixture.Member(merchantId, "0811111111");
        var second = fixture.Member(merchantId, "0922222222");
        await first.CollectPoints(Collect(260.00m, "R-1"));
        await first.PullPoints(Adjust(3, "pull-3"));
        await second.SendPoints(Adjust(40, "send-40"));
        await second.CollectPoints(Collect(24.99m, "R-2"));
        long expected = ExpectedPoints(260.00m, 25.00m) - 3 + 40 + ExpectedPoints(24.99m, 25.00m);

        var summary = await fixture.Grains.GetGrain<Interfaces.Merchants.IMerchantGrain>(merchantId).GetPointsSummary();

        Assert.Equal(2, summary.Members);
        Assert.Equal(4, summary.Entries);
        Assert.Equal(expected, summary.LedgerPoints);
        Assert.Equal(expected, summary.MemberBalances);
    }
}
