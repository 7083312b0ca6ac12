using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Transfers;

[Collection(ClusterCollection.Name)]
public sealed class TransferTests(PointspotClusterFixture fixture)
{
    private const string Alice = "+66811111111";
    private const string Bob = "+66822222222";

    [Fact]
    public async Task Transfer_MovesPointsOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, Alice).SendPoints(Adjust(70, "send-70"));

        TransferResult first = await Saga(merchantId, "t-1").Transfer(new TransferCommand(Alice, Bob, 25, Owner));
        TransferResult retry = await Saga(merchantId, "t-1").Transfer(new TransferCommand(Alice, Bob, 25, Owner));

        Assert.Null(first.Error);
        Assert.Equal(TransferStatus.Completed, first.Status);
        Assert.Equal(LedgerEntryKind.TransferOut, first.Debit!.Kind);
        Assert.Equal(-25, first.Debit.Points);
        Assert.Equal(LedgerEntryKind.TransferIn, first.Credit!.Kind);
        Assert.Equal(25, first.Credit.Points);
        Assert.Equal(70 - 25, first.From!.Balance);
        Assert.Equal(25, first.To!.Balance);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Credit.Id, retry.Credit!.Id);
        Assert.Equal(70 - 25, (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        Assert.Equal(25, (await fixture.Member(merchantId, Bob).GetMember())!.Balance);
    }

    [Fact]
    public async Task Transfer_MoreThanBalance_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, Alice).SendPoints(Adjust(10, "send-10"));

        TransferResult result = await Saga(merchantId, "t-big").Transfer(new TransferCommand(Alice, Bob, 11, Owner));

        Assert.Equal(ErrorCodes.InsufficientPoints, result.Error?.Code);
        Assert.Equal(10, (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        Assert.Null(await fixture.Member(merchantId, Bob).GetMember());
    }

    [Fact]
    public async Task OppositeTransfers_AtOnce_AllFinish()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, Alice).SendPoints(Adjust(100, "send-a"));
        await fixture.Member(merchantId, Bob).SendPoints(Adjust(100, "send-b"));

        TransferResult[] results = await Task.WhenAll(Enumerable.Range(0, 10).SelectMany(i => new[]
        {
            Saga(merchantId, $"ab-{i}").Transfer(new TransferCommand(Alice, Bob, 7, Owner)),
            Saga(merchantId, $"ba-{i}").Transfer(new TransferCommand(Bob, Alice, 3, Owner)),
        }));

        Assert.All(results, result => Assert.Equal(TransferStatus.Completed, result.Status));
        Assert.Equal(100 - (10 * 7) + (10 * 3), (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        Assert.Equal(100 + (10 * 7) - (10 * 3), (await fixture.Member(merchantId, Bob).GetMember())!.Balance);
        long total = await fixture.Database.QueryScalarAsync<long>(
            "SELECT sum(points)::bigint FROM point_ledger WHERE merchant_id = $1", merchantId);
        Assert.Equal(200, total);
    }

    [Fact]
    public async Task Transfer_SagaDeactivatedAfterDebit_ReminderFinishesIt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, Alice).SendPoints(Adjust(40, "send-40"));
        var saga = Saga(merchantId, "t-crash");

        TransferResult begun = await saga.Begin(new TransferCommand(Alice, Bob, 15, Owner));
        await fixture.Cluster.DeactivateAsync(saga);

        Assert.Equal(TransferStatus.Pending, begun.Status);
        Assert.Equal(40 - 15, (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        long credited = 0;
        for (int attempt = 0; attempt < 90 && credited == 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            credited = (await fixture.Member(merchantId, Bob).GetMember())?.Balance ?? 0;
        }

        Assert.Equal(15, credited);
        TransferResult retry = await saga.Transfer(new TransferCommand(Alice, Bob, 15, Owner));
        Assert.Equal(TransferStatus.Completed, retry.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(40 - 15, (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        long rows = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind IN ('TRANSFER_OUT', 'TRANSFER_IN')", merchantId);
        Assert.Equal(2, rows);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("pos-{3F2504E0-4F89-11D3-9A0C-0305E82C3301}")]
    [InlineData("}{{")]
    public async Task Transfer_BracesInKey_MovesOnce(string key)
    {
        // Orleans' ADO.NET storage once failed to write the state of a grain whose key had a brace.
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, Alice).SendPoints(Adjust(20, "send-20"));

        TransferResult first = await Saga(merchantId, key).Transfer(new TransferCommand(Alice, Bob, 5, Owner));
        TransferResult retry = await Saga(merchantId, key).Transfer(new TransferCommand(Alice, Bob, 5, Owner));

        Assert.Null(first.Error);
        Assert.Equal(TransferStatus.Completed, first.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Credit!.Id, retry.Credit!.Id);
        Assert.Equal(15, (await fixture.Member(merchantId, Alice).GetMember())!.Balance);
        Assert.Equal(5, (await fixture.Member(merchantId, Bob).GetMember())!.Balance);
    }

    [Theory]
    [InlineData("plain-key")]
    [InlineData("{0} {{x}}")]
    [InlineData("a/b#c")]
    [InlineData("\uD800{")]
    public void TransferKey_RoundTrips(string key)
    {
        string decoded = System.Text.RegularExpressions.Regex.Unescape(key);
        Guid merchantId = Guid.NewGuid();

        string grainKey = TransferKey.For(merchantId, decoded);

        Assert.Equal((merchantId, decoded), TransferKey.Parse(grainKey));
        Assert.DoesNotContain('{', grainKey);
        Assert.DoesNotContain('}', grainKey);
    }

    private ITransferGrain Saga(Guid merchantId, string key) =>
        fixture.Grains.GetGrain<ITransferGrain>(TransferKey.For(merchantId, key));
}
