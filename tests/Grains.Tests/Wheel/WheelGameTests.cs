using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Wheel;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Wheel;

[Collection(ClusterCollection.Name)]
public sealed class WheelGameTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0851234567";
    private const string E164 = "+66851234567";

    [Fact]
    public async Task Spin_CostAndPrize_AreLedgerEntries()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 10, dailyLimit: 5,
            new WheelPrizeInput("50 points", WheelPrizeKind.Points, 50, 1, null));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(30, "send-30"));

        WheelSpinResult result = await Spin(merchantId, game, "spin-1");

        Assert.Null(result.Error);
        Assert.Equal("50 points", result.Spin!.Prize.Label);
        Assert.Equal(30 - 10 + 50, result.Member!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(["SEND", "WHEEL_SPIN", "WHEEL_PRIZE"], rows.Select(row => row.Kind));
        Assert.Equal(-10, rows[1].Points);
        Assert.Equal(50, rows[2].Points);
        Assert.Equal($"wheel-spin:{result.Spin.Id:N}", rows[1].IdempotencyKey);
        Assert.Equal($"wheel-prize:{result.Spin.Id:N}", rows[2].IdempotencyKey);
        Assert.Equal(70, rows[2].BalanceAfter);
    }

    [Fact]
    public async Task Spin_SameKey_ReturnsFirstSpin()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 10, dailyLimit: 5,
            new WheelPrizeInput("5 points", WheelPrizeKind.Points, 5, 1, null),
            new WheelPrizeInput("Try again", WheelPrizeKind.Nothing, 0, 1, null));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(30, "send-30"));

        WheelSpinResult first = await Spin(merchantId, game, "spin-again");
        WheelSpinResult second = await Spin(merchantId, game, "spin-again");

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.Spin!.Id, second.Spin!.Id);
        Assert.Equal(first.Member!.Balance, second.Member!.Balance);
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Single(rows, row => row.Kind == "WHEEL_SPIN");
    }

    [Fact]
    public async Task Spin_TooFewPoints_RecordsNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 10, dailyLimit: 5,
            new WheelPrizeInput("Jackpot", WheelPrizeKind.Points, 100, 1, 1));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(9, "send-9"));

        WheelSpinResult result = await Spin(merchantId, game, "spin-broke");

        Assert.Equal(ErrorCodes.InsufficientPoints, result.Error!.Code);
        WheelGameView view = (await game.Get(merchantId))!;
        Assert.Equal(0, view.Prizes[0].Won);
        long spins = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM wheel_spin WHERE game_id = $1", view.Id);
        Assert.Equal(0, spins);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task ParallelSpins_OneMember_DailyLimitHolds()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 2, dailyLimit: 5,
            new WheelPrizeInput("1 point", WheelPrizeKind.Points, 1, 1, null),
            new WheelPrizeInput("Nothing", WheelPrizeKind.Nothing, 0, 1, null));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(1_000, "send-1000"));

        WheelSpinResult[] results = await Task.WhenAll(
            Enumerable.Range(1, 50).Select(i => Spin(merchantId, game, $"parallel-{i}")));

        Assert.Equal(5, results.Count(result => result.Error is null));
        Assert.Equal(45, results.Count(result => result.Error?.Code == ErrorCodes.LimitReached));
        Assert.Equal([1, 2, 3, 4, 5], results.Where(r => r.Error is null).Select(r => r.Spin!.DaySpinNumber).Order());
        List<StoredRow> rows = await fixture.Database.ReadLedgerAsync(merchantId, E164);
        Assert.Equal(5, rows.Count(row => row.Kind == "WHEEL_SPIN"));
        long prizes = results.Where(r => r.Error is null).Sum(r => r.Spin!.Prize.Points);
        Assert.Equal(prizes, rows.Where(row => row.Kind == "WHEEL_PRIZE").Sum(row => row.Points));
        Assert.Equal(1_000 - (5 * 2) + prizes, rows[^1].BalanceAfter);
    }

    [Fact]
    public async Task ParallelSpins_FiftyMembers_StockHolds()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        // The prize with stock is 1,000 times likelier than the blank, so its 3 units go first.
        var game = await CreateGameAsync(merchantId, spinCost: 1, dailyLimit: 1,
            new WheelPrizeInput("Big prize", WheelPrizeKind.Points, 500, 1_000, 3),
            new WheelPrizeInput("Nothing", WheelPrizeKind.Nothing, 0, 1, null));
        string[] phones = Enumerable.Range(0, 50).Select(i => $"08412345{i:00}").ToArray();
        await Task.WhenAll(phones.Select(phone => fixture.Member(merchantId, phone).SendPoints(Adjust(5, $"send-{phone}"))));

        WheelSpinResult[] results = await Task.WhenAll(
            phones.Select(phone => Spin(merchantId, game, "stock-spin", phone)));

        Assert.All(results, result => Assert.Null(result.Error));
        Assert.Equal(3, results.Count(result => result.Spin!.Prize.Label == "Big prize"));
        WheelGameView view = (await game.Get(merchantId))!;
        Assert.Equal(3, view.Prizes[0].Won);
        Assert.Equal(47, view.Prizes[1].Won);
        long prizeEntries = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'WHEEL_PRIZE' AND points = 500", merchantId);
        long costEntries = await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM point_ledger WHERE merchant_id = $1 AND kind = 'WHEEL_SPIN' AND points = -1", merchantId);
        Assert.Equal(3, prizeEntries);
        Assert.Equal(50, costEntries);
    }

    [Fact]
    public async Task Spins_Frequencies_MatchWeights()
    {
        // 1,000 recorded spins against weights 1 : 3 : 6, judged by Pearson's chi-square with
        // alpha = 0.001 (critical value 13.816 at 2 degrees of freedom).
        const int spins = 1_000;
        int[] weights = [1, 3, 6];
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 0, dailyLimit: spins,
            new WheelPrizeInput("A", WheelPrizeKind.Nothing, 0, weights[0], null),
            new WheelPrizeInput("B", WheelPrizeKind.Nothing, 0, weights[1], null),
            new WheelPrizeInput("C", WheelPrizeKind.Nothing, 0, weights[2], null));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(1, "send-1"));

        for (int i = 0; i < spins; i++)
        {
            Assert.Null((await Spin(merchantId, game, $"chi-{i}")).Error);
        }

        WheelGameView view = (await game.Get(merchantId))!;
        double statistic = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double expected = spins * weights[i] / (double)weights.Sum();
            statistic += Math.Pow(view.Prizes[i].Won - expected, 2) / expected;
        }

        Assert.Equal(spins, view.Prizes.Sum(prize => prize.Won));
        Assert.True(statistic < 13.816,
            $"chi-square {statistic:F2} >= 13.816; won {string.Join(", ", view.Prizes.Select(p => p.Won))}");
    }

    [Fact]
    public async Task Spin_AllStockGone_OutOfStock()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 0, dailyLimit: 10,
            new WheelPrizeInput("Only one", WheelPrizeKind.Points, 5, 1, 1));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(1, "send-1"));

        WheelSpinResult first = await Spin(merchantId, game, "stock-1");
        WheelSpinResult second = await Spin(merchantId, game, "stock-2");

        Assert.Null(first.Error);
        Assert.Equal(ErrorCodes.OutOfStock, second.Error!.Code);
    }

    [Fact]
    public async Task Spin_StoppedGame_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 0, dailyLimit: 10,
            new WheelPrizeInput("Nothing", WheelPrizeKind.Nothing, 0, 1, null));
        await fixture.Member(merchantId, Phone).SendPoints(Adjust(1, "send-1"));
        await game.SetActive(merchantId, false, Owner);

        WheelSpinResult result = await Spin(merchantId, game, "stopped");

        Assert.Equal(ErrorCodes.WheelGameInactive, result.Error!.Code);
    }

    [Fact]
    public async Task Spin_OtherMerchant_NotFound()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Guid otherMerchantId = await fixture.CreateMerchantAsync();
        var game = await CreateGameAsync(merchantId, spinCost: 0, dailyLimit: 10,
            new WheelPrizeInput("Nothing", WheelPrizeKind.Nothing, 0, 1, null));

        WheelSpinResult result = await Spin(otherMerchantId, game, "elsewhere");

        Assert.Equal(ErrorCodes.NotFound, result.Error!.Code);
    }

    [Theory]
    [InlineData(WheelPrizeKind.Points, 0, 1)]
    [InlineData(WheelPrizeKind.Nothing, 5, 1)]
    [InlineData(WheelPrizeKind.Points, 5, 0)]
    public async Task Create_BadPrize_Rejected(WheelPrizeKind kind, long points, int weight)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var game = fixture.Grains.GetGrain<IWheelGameGrain>(Guid.NewGuid());

        WheelGameResult result = await game.Create(merchantId,
            new WheelGameInput("Lucky wheel", 10, 3, [new WheelPrizeInput("Prize", kind, points, weight, null)]), Owner);

        Assert.Equal(ErrorCodes.InvalidWheelGame, result.Error!.Code);
        Assert.Null(await game.Get(merchantId));
    }

    private async Task<IWheelGameGrain> CreateGameAsync(Guid merchantId, long spinCost, int dailyLimit,
        params WheelPrizeInput[] prizes)
    {
        var game = fixture.Grains.GetGrain<IWheelGameGrain>(Guid.NewGuid());
        WheelGameResult result = await game.Create(merchantId, new WheelGameInput("Lucky wheel", spinCost, dailyLimit, prizes), Owner);
        Assert.Null(result.Error);
        return game;
    }

    private static Task<WheelSpinResult> Spin(Guid merchantId, IWheelGameGrain game, string key, string phone = Phone)
    {
        Assert.True(PhoneNumber.TryParse(phone, out PhoneNumber parsed, out string error), error);
        return game.Spin(merchantId, new SpinWheelCommand(parsed.E164, key, Pos));
    }
}
