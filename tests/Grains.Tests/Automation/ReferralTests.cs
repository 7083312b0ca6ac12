using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Automation;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Automation;

[Collection(ClusterCollection.Name)]
public sealed class ReferralTests(PointspotClusterFixture fixture)
{
    private const string Referrer = "+66821234501";
    private const string Referee = "+66821234502";
    private const string Third = "+66821234503";

    [Fact]
    public async Task FirstPurchase_RewardsBothOnce()
    {
        Guid merchantId = await CreateReferralMerchantAsync(referrerPoints: 100, refereePoints: 50);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        var automation = fixture.Grains.GetGrain<IAutomationGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);
        await SignUpAsync(merchantId, Referee);
        ReferralCodeView code = (await referrals.GetCode(Referrer)).Code!;

        ReferralResult referred = await referrals.Refer(Referee, code.Code.ToLowerInvariant());
        await automation.CatchUp();
        List<StoredRow> beforePurchase = await fixture.Database.ReadLedgerAsync(merchantId, Referee);
        await fixture.Member(merchantId, "0821234502").CollectPoints(Collect(100.00m, "R-first"));
        await fixture.Member(merchantId, "0821234502").CollectPoints(Collect(100.00m, "R-second"));
        await automation.CatchUp();
        await automation.CatchUp();

        Assert.Null(referred.Error);
        Assert.Equal(Referrer, referred.Referral!.ReferrerPhone);
        Assert.Equal($"/m/{merchantId:N}?ref={code.Code}", code.Link);
        Assert.Empty(beforePurchase);
        StoredRow refereeReward = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, Referee),
            row => row.Kind == "REFERRAL");
        StoredRow referrerReward = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, Referrer),
            row => row.Kind == "REFERRAL");
        Assert.Equal(50, refereeReward.Points);
        Assert.Equal(100, referrerReward.Points);
        Assert.NotNull((await referrals.GetReferral(Referee))!.RewardedAt);
    }

    [Fact]
    public async Task GetCode_Twice_SameCode()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);

        ReferralCodeResult first = await referrals.GetCode(Referrer);
        ReferralCodeResult second = await referrals.GetCode(Referrer);

        Assert.Equal(first.Code!.Code, second.Code!.Code);
        Assert.Equal(8, first.Code.Code.Length);
    }

    [Fact]
    public async Task Refer_OwnCode_SelfReferral()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);
        string code = (await referrals.GetCode(Referrer)).Code!.Code;

        ReferralResult result = await referrals.Refer(Referrer, code);

        Assert.Equal(ErrorCodes.SelfReferral, result.Error!.Code);
        Assert.Null(await referrals.GetReferral(Referrer));
    }

    [Fact]
    public async Task Refer_BackUpTheChain_ReferralLoop()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);
        await SignUpAsync(merchantId, Referee);
        await SignUpAsync(merchantId, Third);
        Assert.Null((await referrals.Refer(Referee, (await referrals.GetCode(Referrer)).Code!.Code)).Error);
        Assert.Null((await referrals.Refer(Third, (await referrals.GetCode(Referee)).Code!.Code)).Error);

        // Referrer -> Referee -> Third; Third may not refer Referrer.
        ReferralResult result = await referrals.Refer(Referrer, (await referrals.GetCode(Third)).Code!.Code);

        Assert.Equal(ErrorCodes.ReferralLoop, result.Error!.Code);
        Assert.Null(await referrals.GetReferral(Referrer));
    }

    [Fact]
    public async Task Refer_Twice_AlreadyReferred()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);
        await SignUpAsync(merchantId, Referee);
        await SignUpAsync(merchantId, Third);
        await referrals.Refer(Referee, (await referrals.GetCode(Referrer)).Code!.Code);

        ReferralResult result = await referrals.Refer(Referee, (await referrals.GetCode(Third)).Code!.Code);

        Assert.Equal(ErrorCodes.AlreadyReferred, result.Error!.Code);
        Assert.Equal(Referrer, (await referrals.GetReferral(Referee))!.ReferrerPhone);
    }

    [Fact]
    public async Task Refer_AfterFirstPurchase_TooLate()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referrer);
        await SignUpAsync(merchantId, Referee);
        await fixture.Member(merchantId, "0821234502").CollectPoints(Collect(100.00m, "R-before"));

        ReferralResult result = await referrals.Refer(Referee, (await referrals.GetCode(Referrer)).Code!.Code);

        Assert.Equal(ErrorCodes.ReferralTooLate, result.Error!.Code);
    }

    [Fact]
    public async Task Refer_UnknownCode_NotFound()
    {
        Guid merchantId = await CreateReferralMerchantAsync(10, 10);
        var referrals = fixture.Grains.GetGrain<IReferralGrain>(merchantId);
        await SignUpAsync(merchantId, Referee);

        ReferralResult result = await referrals.Refer(Referee, "ZZZZZZZZ");

        Assert.Equal(ErrorCodes.ReferralCodeNotFound, result.Error!.Code);
    }

    private async Task<Guid> CreateReferralMerchantAsync(long referrerPoints, long refereePoints)
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        ReferralProgramResult result = await fixture.Grains.GetGrain<IAutomationGrain>(merchantId)
            .SetReferralProgram(new ReferralProgram(referrerPoints, refereePoints), Owner);
        Assert.Null(result.Error);
        return merchantId;
    }

    private async Task SignUpAsync(Guid merchantId, string e164)
    {
        var member = fixture.Member(merchantId, "0" + e164[3..]);
        MemberResult result = await member.Register(new MemberProfile("Somchai", null, Gender.Unspecified, false));
        Assert.Null(result.Error);
    }
}
