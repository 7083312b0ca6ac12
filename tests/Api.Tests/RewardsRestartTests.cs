using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Uses a coupon and redeems a reward, stops the host gracefully and starts a new one on the same
/// database, so this class runs its own hosts instead of the shared one.
/// </summary>
public sealed class RewardsRestartTests : IAsyncLifetime
{
    private const string Phone = "0811111111";

    private const string Apply = """
        mutation Apply($input: ApplyCouponsInput!) { applyCoupons(input: $input) { total replayed } }
        """;

    private const string Confirm = """
        mutation Confirm($input: ConfirmRewardRedemptionInput!) {
          confirmRewardRedemption(input: $input) { replayed redemption { status entryId } }
        }
        """;

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("rewards_restart");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Restart_UsedCouponAndRedemption_Kept()
    {
        string clusterId = $"rewards-restart-{Guid.NewGuid():N}";
        TestMerchant merchant;
        string code, rewardId, redemptionCode, entryId;

        await using (ApiHost first = await ApiHost.StartAsync(database.ConnectionString, clusterId))
        {
            using var client = new GraphQLClient(first.BaseAddress);
            merchant = await TestMerchant.CreateAsync(client, "10.00", null);
            (await merchant.CollectAsync(Phone, "500.00", "R-1")).Field("collectPoints");
            code = await IssueCouponAsync(merchant);
            (await merchant.Client.PostAsync(Apply, new { input = ApplyInput(code, "k-1") }, merchant.ApiKey)).Field("applyCoupons");
            rewardId = (await merchant.Client.PostAsync(
                "mutation Create($input: CreateRewardInput!) { createReward(input: $input) { id } }",
                new { input = new { name = "Cake", kind = "REDEEMABLE", pointsCost = 20, validFrom = "2026-01-01", validThrough = "2035-12-31" } },
                merchant.OwnerToken)).Field("createReward")["id"]!.GetValue<string>();
            redemptionCode = (await merchant.Client.PostAsync(
                "mutation Request($input: RequestRewardRedemptionInput!) { requestRewardRedemption(input: $input) { code } }",
                new { input = new { rewardId, phone = Phone } }, merchant.ApiKey))
                .Field("requestRewardRedemption")["code"]!.GetValue<string>();
            entryId = (await merchant.Client.PostAsync(Confirm, new { input = new { rewardId, phone = Phone, code = redemptionCode } },
                merchant.ApiKey)).Field("confirmRewardRedemption")["redemption"]!["entryId"]!.GetValue<string>();
            await first.StopAsync();
        }

        await using ApiHost second = await ApiHost.StartAsync(database.ConnectionString, clusterId);
        using var secondClient = new GraphQLClient(second.BaseAddress);
        TestMerchant restarted = merchant with { Client = secondClient };

        JsonNode replayed = (await secondClient.PostAsync(Apply, new { input = ApplyInput(code, "k-1") }, restarted.ApiKey)).Field("applyCoupons");
        GraphQLResponse again = await secondClient.PostAsync(Apply, new { input = ApplyInput(code, "k-2") }, restarted.ApiKey);
        JsonNode confirmedAgain = (await secondClient.PostAsync(Confirm,
            new { input = new { rewardId, phone = Phone, code = redemptionCode } }, restarted.ApiKey)).Field("confirmRewardRedemption");
        var ledger = await database.ReadLedgerAsync(merchant.Id, "+66811111111");

        Assert.True(replayed["replayed"]!.GetValue<bool>());
        Assert.Equal("60.00", replayed["total"]!.GetValue<string>());
        Assert.Equal("COUPON_USED", again.SingleErrorCode());
        Assert.True(confirmedAgain["replayed"]!.GetValue<bool>());
        Assert.Equal(entryId, confirmedAgain["redemption"]!["entryId"]!.GetValue<string>());
        Assert.Equal(50 - 20, ledger.Sum(row => row.Points));
        Assert.Equal(2, ledger.Count);
    }

    private static async Task<string> IssueCouponAsync(TestMerchant merchant)
    {
        string campaignId = (await merchant.Client.PostAsync(
            "mutation Create($input: CreateCouponCampaignInput!) { createCouponCampaign(input: $input) { id } }",
            new { input = new { name = "40 off", kind = "PROMOTION", discountKind = "AMOUNT", discountAmount = "40.00", validFrom = "2026-01-01", validThrough = "2035-12-31" } },
            merchant.OwnerToken)).Field("createCouponCampaign")["id"]!.GetValue<string>();
        return (await merchant.Client.PostAsync(
            "mutation Issue($input: IssueCouponsInput!) { issueCoupons(input: $input) { outcomes { coupon { code } } } }",
            new { input = new { campaignId, phones = new[] { Phone }, occasionKey = "launch" } }, merchant.OwnerToken))
            .Field("issueCoupons")["outcomes"]![0]!["coupon"]!["code"]!.GetValue<string>();
    }

    private static object ApplyInput(string code, string idempotencyKey) =>
        new { amount = "100.00", codes = new[] { code }, receiptNumber = "R-2", idempotencyKey };
}
