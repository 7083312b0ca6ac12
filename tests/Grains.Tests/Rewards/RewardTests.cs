using Npgsql;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Rewards;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Campaigns;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Rewards;

[Collection(ClusterCollection.Name)]
public sealed class RewardTests(PointspotClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task ConfirmedCode_WritesRedeemEntry()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(expiry: new ExpiryPolicy(ExpiryPolicyKind.EndOfMonth, 2, 0, 0));
        var member = fixture.Member(merchantId, PhoneOf(0));
        await member.SendPoints(Adjust(200, "send-200"));
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(120));

        RedemptionCodeResult requested = await reward.RequestCode(PhoneOf(0), Pos);
        RedemptionResult confirmed = await reward.Confirm(PhoneOf(0), requested.Code!, Pos);
        RedemptionResult again = await reward.Confirm(PhoneOf(0), requested.Code!, Pos);

        Assert.Matches("^[0-9]{6}$", requested.Code);
        Assert.Null(confirmed.Error);
        var entry = confirmed.Points!.Entry!;
        Assert.Equal(LedgerEntryKind.Redeem, entry.Kind);
        Assert.Equal(-120, entry.Points);
        Assert.Equal(200 - 120, confirmed.Points.Member!.Balance);
        Assert.Equal(RedemptionStatus.Confirmed, confirmed.Redemption!.Status);
        Assert.Equal(entry.Id, confirmed.Redemption.EntryId);
        Assert.True(again.Replayed);
        Assert.Equal(200 - 120, (await member.GetMember())!.Balance);
        Assert.Equal(200 - 120, (await member.GetExpiringPoints()).Sum(p => p.Points));
        Assert.Equal(200 - 120, await SumLedgerAsync(merchantId, E164Of(0)));
        Assert.Equal(1, (await reward.Get())!.GrantedCount);
    }

    [Fact]
    public async Task ParallelConfirms_NeverPassStock()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(10, stock: 10));
        var codes = new string[50];
        for (int i = 0; i < codes.Length; i++)
        {
            await fixture.Member(merchantId, PhoneOf(i)).SendPoints(Adjust(100, $"send-{i}"));
            codes[i] = (await reward.RequestCode(PhoneOf(i), Pos)).Code!;
        }

        RedemptionResult[] results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => reward.Confirm(PhoneOf(i), codes[i], Pos)));

        Assert.Equal(10, results.Count(r => r.Error is null));
        Assert.Equal(40, results.Count(r => r.Error?.Code == ErrorCodes.RewardExhausted));
        Assert.Equal(10L, await CountRedeemEntriesAsync(merchantId));
        Assert.Equal(10, (await reward.Get())!.GrantedCount);
    }

    [Fact]
    public async Task ParallelGifts_StopAtMemberLimit()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, PhoneOf(0)).SendPoints(Adjust(1, "join"));
        var reward = await fixture.CreateRewardAsync(merchantId, Giveaway(perMemberLimit: 2));

        RedemptionResult[] results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(i => reward.Give(new GiveRewardCommand(PhoneOf(0), $"birthday-{i}", Owner))));

        Assert.Equal(2, results.Count(r => r.Error is null));
        Assert.Equal(48, results.Count(r => r.Error?.Code == ErrorCodes.LimitReached));
        var given = await fixture.Grains.GetGrain<IMerchantRewardsGrain>(merchantId).ListMemberRedemptions(E164Of(0));
        Assert.Equal(2, given.Count);
        Assert.All(given, g => Assert.Equal(RedemptionStatus.Given, g.Status));
    }

    [Fact]
    public async Task Code_ExpiresAfterFiveMinutes()
    {
        var start = new DateTimeOffset(2027, 5, 1, 12, 0, 0, Bangkok);
        PointspotClusterFixture.PointsTime.SetUtcNow(start);
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, PhoneOf(0));
        await member.SendPoints(Adjust(100, "send-100"));
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(50));
        RedemptionCodeResult requested = await reward.RequestCode(PhoneOf(0), Pos);

        PointspotClusterFixture.PointsTime.SetUtcNow(start.AddMinutes(5));
        RedemptionResult late = await reward.Confirm(PhoneOf(0), requested.Code!, Pos);

        Assert.Equal(start.AddMinutes(5), requested.Redemption!.CodeExpiresAt);
        Assert.Equal(ErrorCodes.RedemptionCodeExpired, late.Error?.Code);
        Assert.Equal(100, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task WrongCodes_CancelRedemption()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, PhoneOf(0));
        await member.SendPoints(Adjust(100, "send-100"));
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(50));
        string code = (await reward.RequestCode(PhoneOf(0), Pos)).Code!;
        string wrong = ((int.Parse(code) + 1) % 1_000_000).ToString("D6");

        for (int i = 0; i < 5; i++)
        {
            RedemptionResult guessed = await reward.Confirm(PhoneOf(0), wrong, Pos);
            Assert.Equal(ErrorCodes.RedemptionCodeInvalid, guessed.Error?.Code);
        }

        RedemptionResult right = await reward.Confirm(PhoneOf(0), code, Pos);

        Assert.Equal(ErrorCodes.RedemptionCodeInvalid, right.Error?.Code);
        Assert.Equal(100, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task PointsSpentMeanwhile_ReturnsStock()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var member = fixture.Member(merchantId, PhoneOf(0));
        await member.SendPoints(Adjust(100, "send-100"));
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(80, stock: 1));
        string code = (await reward.RequestCode(PhoneOf(0), Pos)).Code!;
        await member.PullPoints(Adjust(30, "pull-30"));

        RedemptionResult result = await reward.Confirm(PhoneOf(0), code, Pos);

        Assert.Equal(ErrorCodes.InsufficientPoints, result.Error?.Code);
        Assert.Equal(0, (await reward.Get())!.GrantedCount);
        Assert.Equal(70, (await member.GetMember())!.Balance);
    }

    [Fact]
    public async Task TooFewPoints_GetNoCode()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        await fixture.Member(merchantId, PhoneOf(0)).SendPoints(Adjust(10, "send-10"));
        var reward = await fixture.CreateRewardAsync(merchantId, Redeemable(50));

        RedemptionCodeResult result = await reward.RequestCode(PhoneOf(0), Pos);

        Assert.Equal(ErrorCodes.InsufficientPoints, result.Error?.Code);
        Assert.Null(result.Code);
    }

    private async Task<long> CountRedeemEntriesAsync(Guid merchantId)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'REDEEM'");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> SumLedgerAsync(Guid merchantId, string phone)
    {
        await using var dataSource = NpgsqlDataSource.Create(fixture.Database.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT sum(points)::bigint FROM point_ledger WHERE merchant_id = $1 AND phone = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
