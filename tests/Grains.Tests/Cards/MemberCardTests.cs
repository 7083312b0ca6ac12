using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Cards;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Cards;

[Collection(ClusterCollection.Name)]
public sealed class MemberCardTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0861234567";

    private static readonly CardTier Silver = new("Silver", "#C0C0C0", 100m, 1.50m, "Free drink on your birthday");
    private static readonly CardTier Gold = new("Gold", "#D4AF37", 200m, 2.00m, "10% off every Friday");

    [Fact]
    public async Task PointsThreshold_ExactlyReached_GivesTier()
    {
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimePoints, 1.00m, Silver, Gold);
        var member = fixture.Member(merchantId, Phone);

        await member.SendPoints(Adjust(99, "send-99"));
        MemberCardView below = (await member.GetMemberCard())!;
        await member.SendPoints(Adjust(1, "send-1"));
        MemberCardView at = (await member.GetMemberCard())!;

        Assert.Null(below.Tier);
        Assert.Equal(99, below.LifetimePoints);
        Assert.Equal("Silver", below.NextTier!.Name);
        Assert.Equal(1m, below.MissingForNextTier);
        Assert.Equal("Silver", at.Tier!.Name);
        Assert.Equal(100, at.LifetimePoints);
        Assert.Equal("Gold", at.NextTier!.Name);
        Assert.Equal(100m, at.MissingForNextTier);
    }

    [Fact]
    public async Task SpendThreshold_OneSatangShort_NoTier()
    {
        var silver = Silver with { Threshold = 10_000.00m };
        var gold = Gold with { Threshold = 50_000.00m };
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimeSpend, 25.00m, silver, gold);
        var shortMember = fixture.Member(merchantId, "0861234501");
        var exactMember = fixture.Member(merchantId, "0861234502");

        await shortMember.CollectPoints(Collect(9_999.99m, "R-short"));
        await exactMember.CollectPoints(Collect(10_000.00m, "R-exact"));
        MemberCardView shortCard = (await shortMember.GetMemberCard())!;
        MemberCardView exactCard = (await exactMember.GetMemberCard())!;

        Assert.Null(shortCard.Tier);
        Assert.Equal(9_999.99m, shortCard.LifetimeSpend);
        Assert.Equal(0.01m, shortCard.MissingForNextTier);
        Assert.Equal("Silver", exactCard.Tier!.Name);
        Assert.Equal(10_000.00m, exactCard.LifetimeSpend);
    }

    [Fact]
    public async Task Multiplier_AppliesFromEarnAfterReaching()
    {
        var silver = Silver with { Threshold = 1_000.00m, EarnMultiplier = 2.00m };
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimeSpend, 10.00m, silver);
        var member = fixture.Member(merchantId, Phone);

        PointsChangeResult reaching = await member.CollectPoints(Collect(1_000.00m, "R-reach"));
        PointsChangeResult next = await member.CollectPoints(Collect(155.00m, "R-next"));

        // The earn that reaches the tier is computed before it: no multiplier.
        Assert.Equal(ExpectedPoints(1_000.00m, 10.00m), reaching.Entry!.Points);
        Assert.Equal(ExpectedPoints(155.00m, 10.00m) * 2, next.Entry!.Points);
    }

    [Fact]
    public async Task Multiplier_RoundsDown()
    {
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimePoints, 1.00m, Silver);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(100, "send-100"));

        PointsChangeResult earned = await member.CollectPoints(Collect(15.00m, "R-15"));

        // 15 points x 1.5 = 22.5, rounded down.
        Assert.Equal(22, earned.Entry!.Points);
    }

    [Fact]
    public async Task Redeeming_DoesNotDemote()
    {
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimePoints, 1.00m, Silver, Gold);
        var member = fixture.Member(merchantId, Phone);
        await member.SendPoints(Adjust(250, "send-250"));

        PointsChangeResult pulled = await member.PullPoints(Adjust(240, "pull-240"));
        MemberCardView card = (await member.GetMemberCard())!;

        Assert.Null(pulled.Error);
        Assert.Equal(10, pulled.Member!.Balance);
        Assert.Equal("Gold", card.Tier!.Name);
        Assert.Equal(250, card.LifetimePoints);
    }

    [Fact]
    public async Task Refund_LowersSpend()
    {
        var silver = Silver with { Threshold = 1_000.00m };
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimeSpend, 10.00m, silver);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(1_200.00m, "R-1200"));

        PointsChangeResult refunded = await member.RefundPurchase(
            new RefundPurchaseCommand("R-1200", 300.00m, "refund-R-1200", Pos));
        MemberCardView card = (await member.GetMemberCard())!;

        Assert.Null(refunded.Error);
        Assert.Equal(900.00m, card.LifetimeSpend);
        Assert.Null(card.Tier);
    }

    [Fact]
    public async Task Deactivation_ThenCard_RebuiltFromLedger()
    {
        var silver = Silver with { Threshold = 500.00m, EarnMultiplier = 3.00m };
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimeSpend, 10.00m, silver);
        var member = fixture.Member(merchantId, Phone);
        await member.CollectPoints(Collect(500.00m, "R-500"));

        await fixture.Cluster.DeactivateAsync(member);
        MemberCardView card = (await member.GetMemberCard())!;
        PointsChangeResult next = await member.CollectPoints(Collect(100.00m, "R-100"));

        Assert.Equal(500.00m, card.LifetimeSpend);
        Assert.Equal("Silver", card.Tier!.Name);
        Assert.Equal(ExpectedPoints(100.00m, 10.00m) * 3, next.Entry!.Points);
    }

    [Fact]
    public async Task SetProgram_FourTiers_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var cards = fixture.Grains.GetGrain<IMemberCardsGrain>(merchantId);
        var bronze = Silver with { Name = "Bronze", Threshold = 50m };
        var platinum = Gold with { Name = "Platinum", Threshold = 300m };

        CardProgramResult result = await cards.SetProgram(
            new CardProgram(CardBasis.LifetimePoints, [bronze, Silver, Gold, platinum]), Owner);

        Assert.Equal(ErrorCodes.InvalidCardProgram, result.Error!.Code);
        Assert.Empty((await cards.GetProgram()).Tiers);
    }

    [Theory]
    [InlineData(100.5, 1.5, "#C0C0C0")]
    [InlineData(0, 1.5, "#C0C0C0")]
    [InlineData(100, 0.5, "#C0C0C0")]
    [InlineData(100, 1.5, "silver")]
    public async Task SetProgram_BadTier_Rejected(double threshold, double multiplier, string colour)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var cards = fixture.Grains.GetGrain<IMemberCardsGrain>(merchantId);
        var tier = Silver with { Threshold = (decimal)threshold, EarnMultiplier = (decimal)multiplier, Colour = colour };

        CardProgramResult result = await cards.SetProgram(new CardProgram(CardBasis.LifetimePoints, [tier]), Owner);

        Assert.Equal(ErrorCodes.InvalidCardProgram, result.Error!.Code);
    }

    [Fact]
    public async Task SetProgram_TiersOutOfOrder_Rejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var cards = fixture.Grains.GetGrain<IMemberCardsGrain>(merchantId);

        CardProgramResult result = await cards.SetProgram(new CardProgram(CardBasis.LifetimePoints, [Gold, Silver]), Owner);

        Assert.Equal(ErrorCodes.InvalidCardProgram, result.Error!.Code);
        Assert.Contains("lowest threshold up", result.Error.Message);
    }

    [Fact]
    public async Task YearlyReevaluation_ShortYear_WarnsThenDrops()
    {
        var bangkok = TimeSpan.FromHours(7);
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 1.00m);
        var cards = fixture.Grains.GetGrain<IMemberCardsGrain>(merchantId);
        CardProgramResult set = await cards.SetProgram(
            new CardProgram(CardBasis.LifetimePoints, [Silver, Gold], YearlyReevaluation: true, DowngradeWarningDays: 30), Owner);
        Assert.Null(set.Error);
        var member = fixture.Member(merchantId, Phone);
        try
        {
            // 2031: 250 points reach Gold. 2032: 120 points reach Silver only.
            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2031, 6, 1, 12, 0, 0, bangkok));
            await member.SendPoints(Adjust(250, "send-2031"));
            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2032, 3, 1, 12, 0, 0, bangkok));
            await member.SendPoints(Adjust(120, "send-2032"));
            MemberCardView march = (await member.GetMemberCard())!;

            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2032, 12, 2, 0, 0, 0, bangkok));
            MemberCardView december = (await member.GetMemberCard())!;

            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2033, 1, 1, 0, 0, 0, bangkok));
            MemberCardView newYear = (await member.GetMemberCard())!;
            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2033, 1, 1, 10, 0, 0, bangkok));
            PointsChangeResult earned = await member.CollectPoints(Collect(10.00m, "R-2033") with
            {
                OccurredAt = new DateTimeOffset(2033, 1, 1, 9, 0, 0, bangkok),
            });

            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2034, 1, 1, 0, 0, 0, bangkok));
            MemberCardView later = (await member.GetMemberCard())!;

            Assert.Equal("Gold", march.Tier!.Name);
            Assert.Null(march.DowngradeWarning);
            Assert.Equal("Gold", december.Tier!.Name);
            Assert.Equal("Silver", december.DowngradeWarning!.To!.Name);
            Assert.Equal(new DateOnly(2033, 1, 1), december.DowngradeWarning.On);
            Assert.Equal(200m - 120m, december.DowngradeWarning.MissingToKeep);
            Assert.Equal("Silver", newYear.Tier!.Name);
            Assert.Equal(370, newYear.LifetimePoints);
            Assert.Equal(15, earned.Entry!.Points);
            Assert.Null(later.Tier);
        }
        finally
        {
            PointspotClusterFixture.ResetPointsClock();
        }
    }

    [Fact]
    public async Task LifetimeBasis_NewYear_KeepsTier()
    {
        var bangkok = TimeSpan.FromHours(7);
        Guid merchantId = await CreateMerchantWithCardAsync(CardBasis.LifetimePoints, 1.00m, Silver);
        var member = fixture.Member(merchantId, Phone);
        try
        {
            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2031, 6, 1, 12, 0, 0, bangkok));
            await member.SendPoints(Adjust(100, "send-2031"));

            PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2040, 1, 1, 0, 0, 0, bangkok));
            MemberCardView card = (await member.GetMemberCard())!;

            Assert.Equal("Silver", card.Tier!.Name);
            Assert.Null(card.DowngradeWarning);
        }
        finally
        {
            PointspotClusterFixture.ResetPointsClock();
        }
    }

    private async Task<Guid> CreateMerchantWithCardAsync(CardBasis basis, decimal spendPerPoint, params CardTier[] tiers)
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: spendPerPoint);
        CardProgramResult result = await fixture.Grains.GetGrain<IMemberCardsGrain>(merchantId)
            .SetProgram(new CardProgram(basis, tiers), Owner);
        Assert.Null(result.Error);
        return merchantId;
    }
}
