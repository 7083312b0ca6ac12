using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Campaigns;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Coupons;

[Collection(ClusterCollection.Name)]
public sealed class CheckoutTests(PointspotClusterFixture fixture) : IDisposable
{
    private static readonly TimeSpan Bangkok = TimeSpan.FromHours(7);

    public void Dispose() => PointspotClusterFixture.ResetPointsClock();

    [Fact]
    public async Task SingleUseCoupon_ParallelCheckouts_OneSucceeds()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(40m));

        CheckoutResult[] results = await Task.WhenAll(Enumerable.Range(0, 2)
            .Select(i => Checkout(merchantId, $"pos-{i}").Apply(Apply(100m, [code], $"R-{i}", $"pos-{i}"))));

        Assert.Single(results, r => r.Error is null);
        Assert.Single(results, r => r.Error?.Code == ErrorCodes.CouponUsed);
        Assert.Equal(60m, results.Single(r => r.Error is null).Checkout!.Total);
    }

    [Fact]
    public async Task SameKey_ReturnsFirstResult()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(40m));
        var command = Apply(100m, [code], "R-1", "pos-same");

        CheckoutResult first = await Checkout(merchantId, "pos-same").Apply(command);
        CheckoutResult again = await Checkout(merchantId, "pos-same").Apply(command);
        CheckoutResult other = await Checkout(merchantId, "pos-same").Apply(command with { Amount = 90m });

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Checkout!.Total, again.Checkout!.Total);
        Assert.Equal(ErrorCodes.IdempotencyKeyReused, other.Error?.Code);
    }

    [Fact]
    public async Task DiscountLargerThanTotal_LeavesZero()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(500m));

        CheckoutResult result = await Checkout(merchantId, "k").Apply(Apply(120.50m, [code], "R-1", "k"));

        Assert.Equal(120.50m, result.Checkout!.Discount);
        Assert.Equal(0m, result.Checkout.Total);
    }

    [Fact]
    public async Task FailingSecondCoupon_ReleasesFirst()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(40m));

        CheckoutResult failed = await Checkout(merchantId, "k1").Apply(Apply(100m, [code, "NOSUCHCODE"], "R-1", "k1"));
        CheckoutResult retried = await Checkout(merchantId, "k2").Apply(Apply(100m, [code], "R-1", "k2"));

        Assert.Equal(ErrorCodes.CouponNotFound, failed.Error?.Code);
        Assert.Null(retried.Error);
        Assert.Equal(60m, retried.Checkout!.Total);
    }

    [Fact]
    public async Task GiftVoucher_SpendsOverVisits()
    {
        var (merchantId, code) = await IssueAsync(GiftVoucher(500m));

        CheckoutResult first = await Checkout(merchantId, "v1").Apply(Apply(180m, [code], "R-1", "v1"));
        CheckoutResult second = await Checkout(merchantId, "v2").Apply(Apply(400m, [code], "R-2", "v2"));
        CheckoutResult third = await Checkout(merchantId, "v3").Apply(Apply(50m, [code], "R-3", "v3"));

        Assert.Equal(0m, first.Checkout!.Total);
        Assert.Equal(500m - 180m, first.Checkout.Coupons[0].RemainingValue);
        Assert.Equal(400m - (500m - 180m), second.Checkout!.Total);
        Assert.Equal(0m, second.Checkout.Coupons[0].RemainingValue);
        Assert.Equal(ErrorCodes.CouponUsed, third.Error?.Code);
    }

    [Fact]
    public async Task CouponTakingNothing_StaysIssued()
    {
        var (merchantId, first) = await IssueAsync(AmountOff(50m));
        string second = await IssueToSameMemberAsync(merchantId, AmountOff(20m));

        CheckoutResult result = await Checkout(merchantId, "z1").Apply(Apply(40m, [first, second], "R-1", "z1"));
        CheckoutResult next = await Checkout(merchantId, "z2").Apply(Apply(100m, [second], "R-2", "z2"));

        Assert.Null(result.Error);
        Assert.Equal(40m, result.Checkout!.Discount);
        Assert.Equal(0m, result.Checkout.Total);
        Assert.True(result.Checkout.Coupons[0].Applied);
        Assert.Equal(0m, result.Checkout.Coupons[1].Discount);
        Assert.False(result.Checkout.Coupons[1].Applied);
        Assert.Contains(second, result.Checkout.Coupons[1].NotAppliedReason);
        Assert.Null(next.Error);
        Assert.Equal(100m - 20m, next.Checkout!.Total);
        Assert.True(next.Checkout.Coupons[0].Applied);
    }

    [Fact]
    public async Task ZeroAmount_CouponsStayUnused()
    {
        var (merchantId, percent) = await IssueAsync(PercentOff(10m));
        string voucher = await IssueToSameMemberAsync(merchantId, GiftVoucher(300m));

        CheckoutResult zero = await Checkout(merchantId, "z1").Apply(Apply(0m, [percent, voucher], "R-1", "z1"));
        CheckoutResult next = await Checkout(merchantId, "z2").Apply(Apply(500m, [percent, voucher], "R-2", "z2"));

        Assert.Null(zero.Error);
        Assert.Equal(0m, zero.Checkout!.Total);
        Assert.All(zero.Checkout.Coupons, coupon => Assert.False(coupon.Applied));
        Assert.Equal(300m, zero.Checkout.Coupons[1].RemainingValue);
        Assert.Null(next.Error);
        // 10% of 500.00 is 50.00; the voucher then takes its full 300.00 from the 450.00 left.
        Assert.Equal(500m - 50m - 300m, next.Checkout!.Total);
        Assert.Equal(0m, next.Checkout.Coupons[1].RemainingValue);
    }

    [Fact]
    public async Task ErasedMembersCoupon_IsRejected()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(40m));
        CheckoutResult before = await Checkout(merchantId, "e1").Apply(Apply(100m, [code, "NOSUCHCODE"], "R-1", "e1"));
        Assert.Equal(ErrorCodes.CouponNotFound, before.Error?.Code);
        MemberErasure erasure = await fixture.Member(merchantId, PhoneOf(0)).Erase(Owner);
        Assert.Null(erasure.Error);
        Assert.Null((await fixture.Member(merchantId, PhoneOf(0)).SendPoints(Adjust(1, "joined again"))).Error);

        CheckoutResult samePhone = await Checkout(merchantId, "e2").Apply(
            Apply(100m, [code], "R-2", "e2") with { Phone = PhoneOf(0) });
        CheckoutResult noPhone = await Checkout(merchantId, "e3").Apply(Apply(100m, [code], "R-3", "e3"));
        CheckoutResult otherPhone = await Checkout(merchantId, "e4").Apply(
            Apply(100m, [code], "R-4", "e4") with { Phone = "0899999999" });

        foreach (var result in new[] { samePhone, noPhone, otherPhone })
        {
            Assert.Equal(ErrorCodes.CouponNotFound, result.Error?.Code);
            Assert.Contains("erased", result.Error!.Message);
            Assert.DoesNotContain(MemberPrivacyStore.PseudonymPrefix, result.Error.Message);
        }
    }

    [Fact]
    public async Task TooLongCode_IsRejected()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        string code = new('A', 65);

        CheckoutResult result = await Checkout(merchantId, "l1").Apply(Apply(100m, [code], "R-1", "l1"));

        Assert.Equal(ErrorCodes.InvalidInput, result.Error?.Code);
        Assert.Contains("65 characters", result.Error!.Message);
        Assert.Contains("maximum of 64", result.Error.Message);
    }

    [Fact]
    public async Task CouponOfAnotherMember_IsRejected()
    {
        var (merchantId, code) = await IssueAsync(AmountOff(40m));

        CheckoutResult result = await Checkout(merchantId, "k").Apply(
            Apply(100m, [code], "R-1", "k") with { Phone = "0899999999" });

        Assert.Equal(ErrorCodes.CouponOfAnotherMember, result.Error?.Code);

        // The message does not name the member the coupon belongs to.
        string holder = PhoneOf(0).Replace("-", "", StringComparison.Ordinal);
        Assert.DoesNotContain(holder, result.Error!.Message.Replace("-", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidThrough_WorksToEndOfLocalDay()
    {
        // Valid through 31 March 2027 in Asia/Bangkok: until 2027-03-31T23:59:59.9999999+07:00.
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 3, 1, 9, 0, 0, Bangkok));
        var definition = AmountOff(10m, perMemberLimit: 3) with { ValidThrough = new DateOnly(2027, 3, 31) };
        var (merchantId, codes) = await IssueManyAsync(definition, 3);
        var endOfDay = new DateTimeOffset(2027, 4, 1, 0, 0, 0, Bangkok);

        PointspotClusterFixture.PointsTime.SetUtcNow(endOfDay.AddTicks(-1));
        CheckoutResult lastMoment = await Checkout(merchantId, "t1").Apply(Apply(100m, [codes[0]], "R-1", "t1"));
        PointspotClusterFixture.PointsTime.SetUtcNow(endOfDay);
        CheckoutResult midnight = await Checkout(merchantId, "t2").Apply(Apply(100m, [codes[1]], "R-2", "t2"));
        PointspotClusterFixture.PointsTime.SetUtcNow(endOfDay.AddSeconds(1));
        CheckoutResult secondAfter = await Checkout(merchantId, "t3").Apply(Apply(100m, [codes[2]], "R-3", "t3"));

        Assert.Null(lastMoment.Error);
        Assert.Equal(90m, lastMoment.Checkout!.Total);
        Assert.Equal(ErrorCodes.CouponExpired, midnight.Error?.Code);
        Assert.Equal(ErrorCodes.CouponExpired, secondAfter.Error?.Code);
    }

    [Fact]
    public async Task ValidFrom_StartsAtLocalMidnight()
    {
        PointspotClusterFixture.PointsTime.SetUtcNow(new DateTimeOffset(2027, 3, 1, 9, 0, 0, Bangkok));
        var definition = AmountOff(10m, perMemberLimit: 2) with { ValidFrom = new DateOnly(2027, 3, 10) };
        var (merchantId, codes) = await IssueManyAsync(definition, 2);
        var startOfDay = new DateTimeOffset(2027, 3, 10, 0, 0, 0, Bangkok);

        PointspotClusterFixture.PointsTime.SetUtcNow(startOfDay.AddTicks(-1));
        CheckoutResult early = await Checkout(merchantId, "f1").Apply(Apply(100m, [codes[0]], "R-1", "f1"));
        PointspotClusterFixture.PointsTime.SetUtcNow(startOfDay);
        CheckoutResult onTime = await Checkout(merchantId, "f2").Apply(Apply(100m, [codes[1]], "R-2", "f2"));

        Assert.Equal(ErrorCodes.CouponNotYetValid, early.Error?.Code);
        Assert.Null(onTime.Error);
    }

    private async Task<(Guid MerchantId, string Code)> IssueAsync(CampaignDefinition definition)
    {
        var (merchantId, codes) = await IssueManyAsync(definition, 1);
        return (merchantId, codes[0]);
    }

    private async Task<(Guid MerchantId, string[] Codes)> IssueManyAsync(CampaignDefinition definition, int count)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Assert.Null((await fixture.Member(merchantId, PhoneOf(0)).SendPoints(Adjust(1, "join"))).Error);
        var campaign = await fixture.CreateCampaignAsync(merchantId, definition);
        var codes = new string[count];
        for (int i = 0; i < count; i++)
        {
            IssueCouponResult issued = await campaign.Issue(new IssueCouponCommand(PhoneOf(0), $"occasion-{i}", Owner));
            Assert.Null(issued.Error);
            codes[i] = issued.Coupon!.Code;
        }

        return (merchantId, codes);
    }

    /// <summary>Issues one coupon of a new campaign to the member that <see cref="IssueManyAsync"/> created.</summary>
    private async Task<string> IssueToSameMemberAsync(Guid merchantId, CampaignDefinition definition)
    {
        var campaign = await fixture.CreateCampaignAsync(merchantId, definition);
        IssueCouponResult issued = await campaign.Issue(new IssueCouponCommand(PhoneOf(0), "occasion-0", Owner));
        Assert.Null(issued.Error);
        return issued.Coupon!.Code;
    }

    private ICheckoutGrain Checkout(Guid merchantId, string key) =>
        fixture.Grains.GetGrain<ICheckoutGrain>(CheckoutKey.For(merchantId, key));

    private static ApplyCouponsCommand Apply(decimal amount, string[] codes, string receipt, string key) =>
        new(null, amount, codes, receipt, key, Pos);
}
