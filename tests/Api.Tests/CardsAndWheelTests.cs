using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>Member cards, automation, referral and the wheel game over GraphQL.</summary>
[Collection(ApiCollection.Name)]
public sealed class CardsAndWheelTests(ApiHostFixture fixture)
{
    private const string Phone = "0891112233";
    private const string E164 = "+66891112233";

    private const string SetCard = """
        mutation Set($input: SetMemberCardProgramInput!) {
          setMemberCardProgram(input: $input) {
            basis yearlyReevaluation downgradeWarningDays tiers { name colour threshold earnMultiplier benefits }
          }
        }
        """;

    private const string MemberCard = """
        query Card($phone: String!) {
          memberCard(phone: $phone) {
            phone basis lifetimeSpend tier { name } nextTier { name } missingForNextTier downgradeWarning { on }
          }
        }
        """;

    private const string CreateGame = """
        mutation Create($input: CreateWheelGameInput!) {
          createWheelGame(input: $input) { id name spinCost dailySpinLimit active prizes { id label kind points weight stock won } }
        }
        """;

    private const string Spin = """
        mutation Spin($input: SpinWheelInput!) {
          spinWheel(input: $input) { spin { id daySpinNumber spinCost prize { label points } } member { balance } replayed }
        }
        """;

    private const string Register = """
        mutation Register($input: RegisterMemberInput!) { registerMember(input: $input) { phone status } }
        """;

    private const string ReferralCode = "query Code($phone: String!) { referralCode(phone: $phone) { phone code link } }";

    private const string Refer = """
        mutation Refer($input: ReferMemberInput!) { referMember(input: $input) { refereePhone referrerPhone } }
        """;

    private const string CreateCampaign = """
        mutation Create($input: CreateCouponCampaignInput!) { createCouponCampaign(input: $input) { id } }
        """;

    private const string AddRule = """
        mutation Add($input: AddAutomationRuleInput!) { addAutomationRule(input: $input) { id name trigger threshold action points active } }
        """;

    [Fact]
    public async Task MemberCard_SpendAtThreshold_ReachesTier()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "10.00");
        JsonNode card = (await fixture.Client.PostAsync(SetCard, new
        {
            input = new
            {
                basis = "LIFETIME_SPEND",
                tiers = new object[]
                {
                    new { name = "Silver", colour = "#c0c0c0", threshold = "1000.00", earnMultiplier = "2", benefits = "Free refill" },
                    new { name = "Gold", colour = "#D4AF37", threshold = "5000.00", earnMultiplier = "3" },
                },
            },
        }, merchant.OwnerToken)).Field("setMemberCardProgram");

        (await merchant.CollectAsync(Phone, "1000.00", "R-1")).Field("collectPoints");
        JsonNode next = (await merchant.CollectAsync(Phone, "100.00", "R-2")).Field("collectPoints");
        JsonNode member = (await fixture.Client.PostAsync(MemberCard, new { phone = Phone }, merchant.ApiKey)).Field("memberCard");

        Assert.False(card["yearlyReevaluation"]!.GetValue<bool>());
        Assert.Equal(30, card["downgradeWarningDays"]!.GetValue<int>());
        Assert.Equal("#C0C0C0", card["tiers"]![0]!["colour"]!.GetValue<string>());
        Assert.Equal("3.00", card["tiers"]![1]!["earnMultiplier"]!.GetValue<string>());
        Assert.Equal(20, next["entry"]!["points"]!.GetValue<long>());
        Assert.Equal(E164, member["phone"]!.GetValue<string>());
        Assert.Equal("LIFETIME_SPEND", member["basis"]!.GetValue<string>());
        Assert.Equal("1100.00", member["lifetimeSpend"]!.GetValue<string>());
        Assert.Equal("Silver", member["tier"]!["name"]!.GetValue<string>());
        Assert.Equal("Gold", member["nextTier"]!["name"]!.GetValue<string>());
        Assert.Equal("3900.00", member["missingForNextTier"]!.GetValue<string>());
        Assert.Null(member["downgradeWarning"]);
    }

    [Fact]
    public async Task SetMemberCardProgram_ApiKey_Forbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(SetCard,
            new { input = new { basis = "LIFETIME_POINTS", tiers = Array.Empty<object>() } }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }

    [Fact]
    public async Task SpinWheel_SecondSpinOfDay_LimitReached()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.SendAsync(Phone, 100, "send-100")).Field("sendPoints");
        JsonNode game = (await fixture.Client.PostAsync(CreateGame, new
        {
            input = new
            {
                name = "Lucky wheel",
                spinCost = 10,
                dailySpinLimit = 1,
                prizes = new object[] { new { label = "25 points", kind = "POINTS", points = 25, weight = 1 } },
            },
        }, merchant.OwnerToken)).Field("createWheelGame");
        string gameId = game["id"]!.GetValue<string>();

        JsonNode first = (await fixture.Client.PostAsync(Spin,
            new { input = new { gameId, phone = Phone, idempotencyKey = "spin-1" } }, merchant.ApiKey)).Field("spinWheel");
        GraphQLResponse second = await fixture.Client.PostAsync(Spin,
            new { input = new { gameId, phone = Phone, idempotencyKey = "spin-2" } }, merchant.ApiKey);

        Assert.Equal(1, first["spin"]!["daySpinNumber"]!.GetValue<int>());
        Assert.Equal(25, first["spin"]!["prize"]!["points"]!.GetValue<long>());
        Assert.Equal(100 - 10 + 25, first["member"]!["balance"]!.GetValue<long>());
        Assert.Equal("LIMIT_REACHED", second.SingleErrorCode());
        Assert.Contains("spin again tomorrow", second.Errors[0]["message"]!.GetValue<string>());
        JsonNode member = (await merchant.MemberAsync(Phone))!;
        Assert.Equal(115, member["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateWheelGame_NothingWithPoints_Rejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(CreateGame, new
        {
            input = new
            {
                name = "Lucky wheel",
                spinCost = 10,
                dailySpinLimit = 3,
                prizes = new object[] { new { label = "Oops", kind = "NOTHING", points = 5, weight = 1 } },
            },
        }, merchant.OwnerToken);

        Assert.Equal("INVALID_WHEEL_GAME", response.SingleErrorCode());
    }

    [Fact]
    public async Task ReferMember_OwnCode_SelfReferral()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await fixture.Client.PostAsync(Register,
            new { input = new { phone = Phone, name = "Malee" } }, merchant.ApiKey)).Field("registerMember");
        JsonNode code = (await fixture.Client.PostAsync(ReferralCode, new { phone = Phone }, merchant.ApiKey)).Field("referralCode");

        GraphQLResponse response = await fixture.Client.PostAsync(Refer,
            new { input = new { phone = Phone, code = code["code"]!.GetValue<string>() } }, merchant.ApiKey);

        Assert.Equal($"/m/{merchant.Id:N}?ref={code["code"]!.GetValue<string>()}", code["link"]!.GetValue<string>());
        Assert.Equal("SELF_REFERRAL", response.SingleErrorCode());
    }

    [Fact]
    public async Task AddAutomationRule_Listed()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        JsonNode rule = (await fixture.Client.PostAsync(AddRule, new
        {
            input = new { name = "Third visit", trigger = "NTH_VISIT", threshold = 3, action = "AWARD_POINTS", points = 50 },
        }, merchant.OwnerToken)).Field("addAutomationRule");
        JsonNode rules = (await fixture.Client.PostAsync("{ automationRules { id name trigger threshold points active } }",
            null, merchant.OwnerToken)).Field("automationRules");

        JsonNode listed = Assert.Single(rules.AsArray())!;
        Assert.Equal(rule["id"]!.GetValue<string>(), listed["id"]!.GetValue<string>());
        Assert.Equal("NTH_VISIT", listed["trigger"]!.GetValue<string>());
        Assert.Equal(3, listed["threshold"]!.GetValue<long>());
        Assert.Equal(50, listed["points"]!.GetValue<long>());
        Assert.True(listed["active"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AddAutomationRule_SendCoupon_Listed()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string campaignId = await CreateCampaignAsync(merchant);

        JsonNode rule = (await fixture.Client.PostAsync(AddRule, new
        {
            input = new { name = "Coupon on first visit", trigger = "NTH_VISIT", threshold = 1, action = "SEND_COUPON", campaignId },
        }, merchant.OwnerToken)).Field("addAutomationRule");
        JsonNode rules = (await fixture.Client.PostAsync("{ automationRules { id action points campaignId } }",
            null, merchant.OwnerToken)).Field("automationRules");

        JsonNode listed = Assert.Single(rules.AsArray())!;
        Assert.Equal(rule["id"]!.GetValue<string>(), listed["id"]!.GetValue<string>());
        Assert.Equal("SEND_COUPON", listed["action"]!.GetValue<string>());
        Assert.Equal(0, listed["points"]!.GetValue<long>());
        Assert.Equal(Guid.Parse(campaignId), Guid.Parse(listed["campaignId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AddAutomationRule_SignUpWithoutThreshold_Listed()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        (await fixture.Client.PostAsync(AddRule, new
        {
            input = new { name = "Welcome", trigger = "SIGN_UP", action = "AWARD_POINTS", points = 20 },
        }, merchant.OwnerToken)).Field("addAutomationRule");
        GraphQLResponse noThreshold = await fixture.Client.PostAsync(AddRule, new
        {
            input = new { name = "Come back", trigger = "NO_VISIT_DAYS", action = "AWARD_POINTS", points = 20 },
        }, merchant.OwnerToken);
        JsonNode rules = (await fixture.Client.PostAsync("{ automationRules { trigger threshold } }",
            null, merchant.OwnerToken)).Field("automationRules");

        JsonNode listed = Assert.Single(rules.AsArray())!;
        Assert.Equal("SIGN_UP", listed["trigger"]!.GetValue<string>());
        Assert.Equal(1, listed["threshold"]!.GetValue<long>());
        Assert.Equal("INVALID_AUTOMATION_RULE", noThreshold.SingleErrorCode());
    }

    [Fact]
    public async Task AddAutomationRule_UnknownCampaign_NotFound()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string unknown = Guid.NewGuid().ToString();

        GraphQLResponse response = await fixture.Client.PostAsync(AddRule, new
        {
            input = new { name = "Coupon on first visit", trigger = "NTH_VISIT", threshold = 1, action = "SEND_COUPON", campaignId = unknown },
        }, merchant.OwnerToken);
        JsonNode rules = (await fixture.Client.PostAsync("{ automationRules { id } }", null, merchant.OwnerToken))
            .Field("automationRules");

        Assert.Equal("NOT_FOUND", response.SingleErrorCode());
        Assert.Contains(unknown, response.Errors[0]["message"]!.GetValue<string>());
        Assert.Empty(rules.AsArray());
    }

    [Fact]
    public async Task SpinWheel_CouponPrize_IssuesCoupon()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string campaignId = await CreateCampaignAsync(merchant);
        (await merchant.SendAsync(Phone, 100, "send-100")).Field("sendPoints");
        JsonNode game = (await fixture.Client.PostAsync(CreateGame, new
        {
            input = new
            {
                name = "Coupon wheel",
                spinCost = 10,
                dailySpinLimit = 3,
                prizes = new object[] { new { label = "50 baht off", kind = "COUPON", weight = 1, campaignId } },
            },
        }, merchant.OwnerToken)).Field("createWheelGame");
        string gameId = game["id"]!.GetValue<string>();

        JsonNode spin = (await fixture.Client.PostAsync(Spin,
            new { input = new { gameId, phone = Phone, idempotencyKey = "spin-1" } }, merchant.ApiKey)).Field("spinWheel");
        JsonNode coupons = (await fixture.Client.PostAsync(
            "query Coupons($phone: String!) { memberCoupons(phone: $phone) { occasionKey } }",
            new { phone = Phone }, merchant.ApiKey)).Field("memberCoupons");

        Assert.Equal("COUPON", game["prizes"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(100 - 10, spin["member"]!["balance"]!.GetValue<long>());
        JsonNode coupon = Assert.Single(coupons.AsArray())!;
        Assert.Equal($"wheel-spin:{spin["spin"]!["id"]!.GetValue<string>()}", coupon["occasionKey"]!.GetValue<string>());
    }

    private async Task<string> CreateCampaignAsync(TestMerchant merchant) =>
        (await fixture.Client.PostAsync(CreateCampaign, new
        {
            input = new
            {
                name = "Songkran",
                kind = "PROMOTION",
                discountKind = "AMOUNT",
                discountAmount = "50.00",
                stock = 100,
                perMemberLimit = 1,
                validFrom = "2026-01-01",
                validThrough = "2035-12-31",
            },
        }, merchant.OwnerToken)).Field("createCouponCampaign")["id"]!.GetValue<string>();
}
