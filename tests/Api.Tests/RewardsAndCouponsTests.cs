using System.Globalization;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RewardsAndCouponsTests(ApiHostFixture fixture)
{
    private const string Phone = "0861234567";
    private const string E164 = "+66861234567";

    private const string CreateCampaign = """
        mutation Create($input: CreateCouponCampaignInput!) {
          createCouponCampaign(input: $input) { id kind discountKind discountAmount stock perMemberLimit issuedCount validThrough }
        }
        """;

    private const string IssueCoupons = """
        mutation Issue($input: IssueCouponsInput!) {
          issueCoupons(input: $input) { issuedCount outcomes { phone coupon { code } errorCode } }
        }
        """;

    private const string MemberCoupons = """
        query Coupons($phone: String!) { memberCoupons(phone: $phone) { code status occasionKey remainingValue } }
        """;

    private const string ApplyCoupons = """
        mutation Apply($input: ApplyCouponsInput!) {
          applyCoupons(input: $input) { amount discount total replayed coupons { code discount applied notAppliedReason } }
        }
        """;

    private const string CreateReward = """
        mutation Create($input: CreateRewardInput!) { createReward(input: $input) { id kind pointsCost grantedCount } }
        """;

    private const string RequestRedemption = """
        mutation Request($input: RequestRewardRedemptionInput!) {
          requestRewardRedemption(input: $input) { code redemption { status codeExpiresAt } }
        }
        """;

    private const string ConfirmRedemption = """
        mutation Confirm($input: ConfirmRewardRedemptionInput!) {
          confirmRewardRedemption(input: $input) {
            replayed redemption { status entryId } points { entry { id kind points reason } member { balance } }
          }
        }
        """;

    private const string Collect = """
        mutation Collect($input: CollectPointsInput!) { collectPoints(input: $input) { member { balance } } }
        """;

    [Fact]
    public async Task RewardRedemption_CodeConfirmed_SpendsPoints()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        await CollectAsync(merchant, "500.00", "R-1");
        string rewardId = (await fixture.Client.PostAsync(CreateReward, new
        {
            input = new { name = "Free latte", kind = "REDEEMABLE", pointsCost = 30, stock = 5, validFrom = "2026-01-01", validThrough = "2035-12-31" },
        }, merchant.OwnerToken)).Field("createReward")["id"]!.GetValue<string>();

        JsonNode requested = (await fixture.Client.PostAsync(RequestRedemption,
            new { input = new { rewardId, phone = Phone } }, merchant.ApiKey)).Field("requestRewardRedemption");
        string code = requested["code"]!.GetValue<string>();
        JsonNode confirmed = (await fixture.Client.PostAsync(ConfirmRedemption,
            new { input = new { rewardId, phone = Phone, code } }, merchant.ApiKey)).Field("confirmRewardRedemption");

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal("PENDING", requested["redemption"]!["status"]!.GetValue<string>());
        Assert.Equal("CONFIRMED", confirmed["redemption"]!["status"]!.GetValue<string>());
        Assert.Equal("REDEEM", confirmed["points"]!["entry"]!["kind"]!.GetValue<string>());
        Assert.Equal(-30, confirmed["points"]!["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(50 - 30, confirmed["points"]!["member"]!["balance"]!.GetValue<long>());
        var rows = await fixture.Database.ReadLedgerAsync(merchant.Id, E164);
        Assert.Equal(50 - 30, rows.Sum(r => r.Points));
        Assert.Equal(confirmed["redemption"]!["entryId"]!.GetValue<string>(), confirmed["points"]!["entry"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task RewardRedemption_WrongCode_ReturnsCodeInvalid()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        await CollectAsync(merchant, "500.00", "R-1");
        string rewardId = (await fixture.Client.PostAsync(CreateReward, new
        {
            input = new { name = "Free latte", kind = "REDEEMABLE", pointsCost = 30, validFrom = "2026-01-01", validThrough = "2035-12-31" },
        }, merchant.OwnerToken)).Field("createReward")["id"]!.GetValue<string>();
        string code = (await fixture.Client.PostAsync(RequestRedemption,
            new { input = new { rewardId, phone = Phone } }, merchant.ApiKey)).Field("requestRewardRedemption")["code"]!.GetValue<string>();
        string wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        GraphQLResponse response = await fixture.Client.PostAsync(ConfirmRedemption,
            new { input = new { rewardId, phone = Phone, code = wrong } }, merchant.ApiKey);

        Assert.Equal("REDEMPTION_CODE_INVALID", response.SingleErrorCode());
        Assert.Equal(50, (await fixture.Database.ReadLedgerAsync(merchant.Id, E164)).Sum(r => r.Points));
    }

    [Fact]
    public async Task Coupons_IssuedAndApplied_DiscountTotal()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        await CollectAsync(merchant, "100.00", "R-1");
        string campaignId = await CreateCampaignAsync(merchant, "40.00");

        JsonNode issued = (await fixture.Client.PostAsync(IssueCoupons, new
        {
            input = new { campaignId, phones = new[] { Phone, "0899999999" }, occasionKey = "songkran" },
        }, merchant.OwnerToken)).Field("issueCoupons");
        JsonNode coupons = (await fixture.Client.PostAsync(MemberCoupons, new { phone = Phone }, merchant.ApiKey)).Field("memberCoupons");
        string code = Assert.Single(coupons.AsArray())!["code"]!.GetValue<string>();
        var input = new { phone = Phone, amount = "250.00", codes = new[] { code.ToLowerInvariant() }, receiptNumber = "R-2", idempotencyKey = "apply-1" };
        JsonNode applied = (await fixture.Client.PostAsync(ApplyCoupons, new { input }, merchant.ApiKey)).Field("applyCoupons");
        JsonNode replayed = (await fixture.Client.PostAsync(ApplyCoupons, new { input }, merchant.ApiKey)).Field("applyCoupons");
        GraphQLResponse reused = await fixture.Client.PostAsync(ApplyCoupons,
            new { input = input with { idempotencyKey = "apply-2" } }, merchant.ApiKey);

        Assert.Equal(1, issued["issuedCount"]!.GetValue<int>());
        Assert.Equal("MEMBER_NOT_FOUND", issued["outcomes"]![1]!["errorCode"]!.GetValue<string>());
        Assert.Equal("40.00", applied["discount"]!.GetValue<string>());
        Assert.Equal("210.00", applied["total"]!.GetValue<string>());
        Assert.False(applied["replayed"]!.GetValue<bool>());
        Assert.True(replayed["replayed"]!.GetValue<bool>());
        Assert.Equal("210.00", replayed["total"]!.GetValue<string>());
        Assert.Equal("COUPON_USED", reused.SingleErrorCode());
    }

    [Fact]
    public async Task ApplyCoupons_ParallelCheckouts_OneSucceeds()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        await CollectAsync(merchant, "100.00", "R-1");
        string campaignId = await CreateCampaignAsync(merchant, "40.00");
        string code = (await fixture.Client.PostAsync(IssueCoupons,
            new { input = new { campaignId, phones = new[] { Phone }, occasionKey = "x" } }, merchant.OwnerToken))
            .Field("issueCoupons")["outcomes"]![0]!["coupon"]!["code"]!.GetValue<string>();

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => fixture.Client.PostAsync(ApplyCoupons,
            new { input = new { amount = "100.00", codes = new[] { code }, receiptNumber = $"R-{i}", idempotencyKey = $"p-{i}" } },
            merchant.ApiKey)));

        Assert.Single(responses, r => r.Errors.Count == 0);
        Assert.Equal(19, responses.Count(r => r.ErrorCodes.SequenceEqual(["COUPON_USED"])));
    }

    [Fact]
    public async Task ApplyCoupons_CouponTakingNothing_StaysIssued()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        await CollectAsync(merchant, "100.00", "R-1");
        string first = await IssueAsync(merchant, await CreateCampaignAsync(merchant, "50.00"));
        string second = await IssueAsync(merchant, await CreateCampaignAsync(merchant, "20.00"));

        JsonNode applied = (await fixture.Client.PostAsync(ApplyCoupons, new
        {
            input = new { phone = Phone, amount = "40.00", codes = new[] { first, second }, receiptNumber = "R-2", idempotencyKey = "z-1" },
        }, merchant.ApiKey)).Field("applyCoupons");
        JsonNode coupons = (await fixture.Client.PostAsync(MemberCoupons, new { phone = Phone }, merchant.ApiKey)).Field("memberCoupons");
        JsonNode next = (await fixture.Client.PostAsync(ApplyCoupons, new
        {
            input = new { phone = Phone, amount = "100.00", codes = new[] { second }, receiptNumber = "R-3", idempotencyKey = "z-2" },
        }, merchant.ApiKey)).Field("applyCoupons");

        Assert.Equal("40.00", applied["discount"]!.GetValue<string>());
        Assert.Equal("0.00", applied["total"]!.GetValue<string>());
        Assert.True(applied["coupons"]![0]!["applied"]!.GetValue<bool>());
        Assert.Equal("0.00", applied["coupons"]![1]!["discount"]!.GetValue<string>());
        Assert.False(applied["coupons"]![1]!["applied"]!.GetValue<bool>());
        Assert.Contains(second, applied["coupons"]![1]!["notAppliedReason"]!.GetValue<string>());
        Assert.Equal("ISSUED", coupons.AsArray().Single(c => c!["code"]!.GetValue<string>() == second)!["status"]!.GetValue<string>());
        Assert.Equal("USED", coupons.AsArray().Single(c => c!["code"]!.GetValue<string>() == first)!["status"]!.GetValue<string>());
        Assert.Equal("20.00", next["discount"]!.GetValue<string>());
        Assert.Equal("80.00", next["total"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyCoupons_TooLongCode_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(ApplyCoupons, new
        {
            input = new { amount = "100.00", codes = new[] { new string('A', 65) }, receiptNumber = "R-1", idempotencyKey = "l-1" },
        }, merchant.ApiKey);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Contains("65 characters", response.Errors[0]["message"]!.GetValue<string>());
        Assert.Contains("maximum of 64", response.Errors[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCouponCampaign_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(CreateCampaign,
            new { input = CampaignInput("10.00") }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }

    [Fact]
    public async Task CreateCouponCampaign_BadWindow_ReturnsInvalidCampaign()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(CreateCampaign,
            new { input = CampaignInput("10.00") with { validFrom = "2027-05-01", validThrough = "2027-04-30" } },
            merchant.OwnerToken);

        Assert.Equal("INVALID_CAMPAIGN", response.SingleErrorCode());
        Assert.Contains("2027-04-30", response.Errors[0]["message"]!.GetValue<string>());
    }

    private async Task<string> IssueAsync(TestMerchant merchant, string campaignId) =>
        (await fixture.Client.PostAsync(IssueCoupons,
            new { input = new { campaignId, phones = new[] { Phone }, occasionKey = "x" } }, merchant.OwnerToken))
            .Field("issueCoupons")["outcomes"]![0]!["coupon"]!["code"]!.GetValue<string>();

    private async Task<string> CreateCampaignAsync(TestMerchant merchant, string amount) =>
        (await fixture.Client.PostAsync(CreateCampaign, new { input = CampaignInput(amount) }, merchant.OwnerToken))
            .Field("createCouponCampaign")["id"]!.GetValue<string>();

    private static CampaignInputShape CampaignInput(string amount) =>
        new("Songkran", "PROMOTION", "AMOUNT", amount, 100, 1, "2026-01-01", "2035-12-31");

    private async Task CollectAsync(TestMerchant merchant, string amount, string receiptNumber)
    {
        (await fixture.Client.PostAsync(Collect, new
        {
            input = new
            {
                phone = Phone,
                amount,
                receiptNumber,
                idempotencyKey = $"key-{receiptNumber}",
                occurredAt = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            },
        }, merchant.ApiKey)).Field("collectPoints");
    }

    private sealed record CampaignInputShape(
        string name, string kind, string discountKind, string discountAmount, int stock, int perMemberLimit,
        string validFrom, string validThrough);
}
