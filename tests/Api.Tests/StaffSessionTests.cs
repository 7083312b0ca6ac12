using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class StaffSessionTests(ApiHostFixture fixture)
{
    private const string Phone = "0812345678";
    private const string E164 = "+66812345678";

    [Fact]
    public async Task AcceptInvitation_Cashier_SignsInWithRole()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string email = $"cashier-{Guid.NewGuid():N}@example.com";
        JsonNode invited = (await fixture.Client.PostAsync(StaffAccess.InviteStaff,
            new { input = new { email, role = "CASHIER" } }, merchant.OwnerToken)).Field("inviteStaff");
        string invitationToken = invited["token"]!.GetValue<string>();

        JsonNode accepted = (await fixture.Client.PostAsync(StaffAccess.AcceptInvitation,
            new { input = new { token = invitationToken, password = TestMerchant.Password } })).Field("acceptInvitation");
        GraphQLResponse again = await fixture.Client.PostAsync(StaffAccess.AcceptInvitation,
            new { input = new { token = invitationToken, password = TestMerchant.Password } });
        JsonNode signedIn = (await fixture.Client.PostAsync(StaffAccess.SignIn,
            new { input = new { email, password = TestMerchant.Password } })).Field("signIn");
        JsonNode staff = (await fixture.Client.PostAsync(StaffAccess.Staff, null, merchant.OwnerToken)).Field("staff");

        Assert.Equal("cashier", invited["invitation"]!["role"]!.GetValue<string>());
        Assert.Equal("cashier", accepted["role"]!.GetValue<string>());
        Assert.Equal(merchant.Id.ToString(), accepted["merchant"]!["id"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", again.SingleErrorCode());
        Assert.Equal("cashier", signedIn["role"]!.GetValue<string>());
        Assert.Null(await merchant.MemberAsync(Phone, bearer: signedIn["token"]!.GetValue<string>()));
        Assert.Equal(["owner", "cashier"], staff.AsArray().Select(s => s!["role"]!.GetValue<string>()).ToArray());
        Assert.Equal(email, staff[1]!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task InviteStaff_OwnerRole_ReturnsInvalidInput()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(StaffAccess.InviteStaff,
            new { input = new { email = $"x-{Guid.NewGuid():N}@example.com", role = "owner" } }, merchant.OwnerToken);

        Assert.Equal("INVALID_INPUT", response.SingleErrorCode());
        Assert.Contains("role \"owner\"", response.Errors[0]["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task InviteStaff_AddressWithAccount_ReturnsEmailTaken()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");

        GraphQLResponse response = await fixture.Client.PostAsync(StaffAccess.InviteStaff,
            new { input = new { email = cashier.Email.ToUpperInvariant(), role = "admin" } }, merchant.OwnerToken);
        JsonNode invitations = (await fixture.Client.PostAsync("query { staffInvitations { email } }", null, merchant.OwnerToken))
            .Field("staffInvitations");

        Assert.Equal("EMAIL_TAKEN", response.SingleErrorCode());
        Assert.Single(invitations.AsArray());
    }

    [Fact]
    public async Task SignIn_Owner_TokenLastsFifteenMinutes()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string email = (await fixture.Client.PostAsync(StaffAccess.Staff, null, merchant.OwnerToken))
            .Field("staff")[0]!["email"]!.GetValue<string>();

        DateTimeOffset before = DateTimeOffset.UtcNow;
        JsonNode session = (await fixture.Client.PostAsync(StaffAccess.SignIn,
            new { input = new { email, password = TestMerchant.Password } })).Field("signIn");
        DateTimeOffset after = DateTimeOffset.UtcNow;

        var expiresAt = DateTimeOffset.Parse(session["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var refreshExpiresAt = DateTimeOffset.Parse(session["refreshTokenExpiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt, before.AddMinutes(15).AddSeconds(-1), after.AddMinutes(15).AddSeconds(1));
        Assert.InRange(refreshExpiresAt, before.AddDays(30).AddSeconds(-1), after.AddDays(30).AddSeconds(1));
        Assert.Equal("owner", session["role"]!.GetValue<string>());
        Assert.StartsWith("psr_", session["refreshToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefreshSession_RotatedToken_NewTokensWork()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession admin = await StaffAccess.AddStaffAsync(merchant, "admin");

        JsonNode refreshed = (await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken = admin.RefreshToken })).Field("refreshSession");
        string token = refreshed["token"]!.GetValue<string>();
        string refreshToken = refreshed["refreshToken"]!.GetValue<string>();
        JsonNode refreshedAgain = (await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken })).Field("refreshSession");

        Assert.NotEqual(admin.Token, token);
        Assert.NotEqual(admin.RefreshToken, refreshToken);
        Assert.Equal("admin", refreshed["role"]!.GetValue<string>());
        Assert.Null(await merchant.MemberAsync(Phone, bearer: token));
        Assert.Null(await merchant.MemberAsync(Phone, bearer: refreshedAgain["token"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RefreshSession_UsedTokenAgain_RevokesFamily()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        JsonNode refreshed = (await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken = cashier.RefreshToken })).Field("refreshSession");
        string rotatedToken = refreshed["token"]!.GetValue<string>();
        string rotatedRefreshToken = refreshed["refreshToken"]!.GetValue<string>();
        StaffSession otherSession = await SignInAsync(cashier.Email);

        GraphQLResponse reuse = await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken = cashier.RefreshToken });
        GraphQLResponse rotatedAfterReuse = await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken = rotatedRefreshToken });

        Assert.Equal("UNAUTHENTICATED", reuse.SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", rotatedAfterReuse.SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(cashier.Token)).SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(rotatedToken)).SingleErrorCode());
        Assert.Empty((await MemberAsync(otherSession.Token)).Errors);
    }

    [Fact]
    public async Task RefreshSession_TwoAtOnce_EndSession()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession admin = await StaffAccess.AddStaffAsync(merchant, "admin");

        GraphQLResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            fixture.Client.PostAsync(StaffAccess.RefreshSession, new { refreshToken = admin.RefreshToken })));
        var issued = responses.Where(response => response.Errors.Count == 0)
            .Select(response => response.Field("refreshSession"))
            .ToList();

        // One refresh spends the token and the other finds it spent, which revokes the session,
        // including the tokens the winner received, whichever finished first.
        JsonNode winner = Assert.Single(issued);
        Assert.Single(responses, response => response.ErrorCodes.SequenceEqual(["UNAUTHENTICATED"]));
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(winner["token"]!.GetValue<string>())).SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await fixture.Client.PostAsync(StaffAccess.RefreshSession,
            new { refreshToken = winner["refreshToken"]!.GetValue<string>() })).SingleErrorCode());
    }

    [Fact]
    public async Task SignOut_RefreshToken_RevokesSession()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession admin = await StaffAccess.AddStaffAsync(merchant, "admin");

        bool signedOut = (await fixture.Client.PostAsync(StaffAccess.SignOut, new { refreshToken = admin.RefreshToken }))
            .Field("signOut").GetValue<bool>();
        bool unknown = (await fixture.Client.PostAsync(StaffAccess.SignOut, new { refreshToken = "psr_unknown" }))
            .Field("signOut").GetValue<bool>();
        GraphQLResponse refresh = await fixture.Client.PostAsync(StaffAccess.RefreshSession, new { refreshToken = admin.RefreshToken });

        Assert.True(signedOut);
        Assert.False(unknown);
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(admin.Token)).SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", refresh.SingleErrorCode());
    }

    [Fact]
    public async Task RemoveStaff_Cashier_RevokesEverySession()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        StaffSession second = await SignInAsync(cashier.Email);
        string staffId = (await fixture.Client.PostAsync(StaffAccess.Staff, null, merchant.OwnerToken))
            .Field("staff")[1]!["id"]!.GetValue<string>();
        Assert.Empty((await MemberAsync(cashier.Token)).Errors);

        JsonNode removed = (await fixture.Client.PostAsync(StaffAccess.RemoveStaff, new { id = staffId }, merchant.OwnerToken))
            .Field("removeStaff");
        GraphQLResponse signIn = await fixture.Client.PostAsync(StaffAccess.SignIn,
            new { input = new { email = cashier.Email, password = TestMerchant.Password } });
        GraphQLResponse refresh = await fixture.Client.PostAsync(StaffAccess.RefreshSession, new { refreshToken = second.RefreshToken });

        Assert.NotNull(removed["removedAt"]);
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(cashier.Token)).SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", (await MemberAsync(second.Token)).SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", signIn.SingleErrorCode());
        Assert.Equal("UNAUTHENTICATED", refresh.SingleErrorCode());
    }

    [Fact]
    public async Task RemoveStaff_Owner_ReturnsNotFound()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string ownerId = (await fixture.Client.PostAsync(StaffAccess.Staff, null, merchant.OwnerToken))
            .Field("staff")[0]!["id"]!.GetValue<string>();

        GraphQLResponse response = await fixture.Client.PostAsync(StaffAccess.RemoveStaff, new { id = ownerId }, merchant.OwnerToken);

        Assert.Equal("NOT_FOUND", response.SingleErrorCode());
        Assert.Empty((await MemberAsync(merchant.OwnerToken)).Errors);
    }

    [Fact]
    public async Task SendPoints_CashierAboveLimit_Forbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        (await merchant.CollectAsync(Phone, "2500.00", "R-LIMIT")).Field("collectPoints");
        GraphQLResponse beforeLimit = await merchant.SendAsync(Phone, 1, "send-before-limit", cashier.Token);
        (await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = 50 }, merchant.OwnerToken))
            .Field("setCashierPointsLimit");

        JsonNode atLimit = (await merchant.SendAsync(Phone, 50, "send-at-limit", cashier.Token)).Field("sendPoints");
        GraphQLResponse aboveLimit = await merchant.SendAsync(Phone, 51, "send-above-limit", cashier.Token);
        JsonNode pullAtLimit = (await merchant.PullAsync(Phone, 50, "pull-at-limit", cashier.Token)).Field("pullPoints");
        GraphQLResponse pullAboveLimit = await merchant.PullAsync(Phone, 51, "pull-above-limit", cashier.Token);
        JsonNode adminAboveLimit = (await merchant.SendAsync(Phone, 500, "send-by-owner")).Field("sendPoints");

        Assert.Equal("FORBIDDEN", beforeLimit.SingleErrorCode());
        Assert.Contains("limit of 0 points", beforeLimit.Errors[0]["message"]!.GetValue<string>());
        Assert.Equal(150, atLimit["member"]!["balance"]!.GetValue<long>());
        Assert.Equal("FORBIDDEN", aboveLimit.SingleErrorCode());
        Assert.Contains("sendPoints of 51 points is above the cashiers' limit of 50 points", aboveLimit.Errors[0]["message"]!.GetValue<string>());
        Assert.Equal(100, pullAtLimit["member"]!["balance"]!.GetValue<long>());
        Assert.Equal("FORBIDDEN", pullAboveLimit.SingleErrorCode());
        Assert.Equal(600, adminAboveLimit["member"]!["balance"]!.GetValue<long>());
        Assert.Equal(4, (await fixture.Database.ReadLedgerAsync(merchant.Id, E164)).Count);
    }

    [Fact]
    public async Task TransferPoints_CashierAboveLimit_Forbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        StaffSession cashier = await StaffAccess.AddStaffAsync(merchant, "cashier");
        (await merchant.CollectAsync(Phone, "2500.00", "R-TRANSFER-LIMIT")).Field("collectPoints");
        (await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = 50 }, merchant.OwnerToken))
            .Field("setCashierPointsLimit");
        const string transfer = """
            mutation T($input: TransferPointsInput!) { transferPoints(input: $input) { from { balance } } }
            """;

        GraphQLResponse above = await fixture.Client.PostAsync(transfer, new
        {
            input = new { fromPhone = Phone, toPhone = "0891234000", points = 51, idempotencyKey = "transfer-above" },
        }, cashier.Token);
        JsonNode atLimit = (await fixture.Client.PostAsync(transfer, new
        {
            input = new { fromPhone = Phone, toPhone = "0891234000", points = 50, idempotencyKey = "transfer-at" },
        }, cashier.Token)).Field("transferPoints");

        Assert.Equal("FORBIDDEN", above.SingleErrorCode());
        Assert.Contains("transferPoints of 51 points is above the cashiers' limit of 50 points", above.Errors[0]["message"]!.GetValue<string>());
        Assert.Equal(100 - 50, atLimit["from"]!["balance"]!.GetValue<long>());
    }

    [Fact]
    public async Task SetCashierPointsLimit_Negative_RejectedUnchanged()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = 30 }, merchant.OwnerToken))
            .Field("setCashierPointsLimit");

        GraphQLResponse negative = await fixture.Client.PostAsync(StaffAccess.SetCashierPointsLimit, new { points = -1 }, merchant.OwnerToken);
        long limit = (await fixture.Client.PostAsync("query { cashierPointsLimit }", null, merchant.ApiKey))
            .Field("cashierPointsLimit").GetValue<long>();

        Assert.Equal("INVALID_POINTS", negative.SingleErrorCode());
        Assert.Contains("points -1 is out of range", negative.Errors[0]["message"]!.GetValue<string>());
        Assert.Equal(30, limit);
    }

    [Fact]
    public async Task CreateApiKey_ScopeOmittedOrUnknown_PosOrRejected()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        JsonNode omitted = (await fixture.Client.PostAsync(StaffAccess.CreateScopedApiKey,
            new { input = new { name = "Counter 2" } }, merchant.OwnerToken)).Field("createApiKey");
        GraphQLResponse unknown = await fixture.Client.PostAsync(StaffAccess.CreateScopedApiKey,
            new { input = new { name = "Counter 3", scope = "everything" } }, merchant.OwnerToken);
        JsonNode keys = (await fixture.Client.PostAsync("query { apiKeys { name scope } }", null, merchant.OwnerToken)).Field("apiKeys");

        Assert.Equal("pos", omitted["apiKey"]!["scope"]!.GetValue<string>());
        Assert.Equal("INVALID_INPUT", unknown.SingleErrorCode());
        Assert.Contains("scope \"everything\"", unknown.Errors[0]["message"]!.GetValue<string>());
        Assert.Equal(["Counter 1", "Partner 1", "Counter 2"], keys.AsArray().Select(k => k!["name"]!.GetValue<string>()).ToArray());
    }

    private Task<GraphQLResponse> MemberAsync(string bearer) =>
        fixture.Client.PostAsync(Documents.Member, new { phone = Phone }, bearer);

    private async Task<StaffSession> SignInAsync(string email)
    {
        JsonNode session = (await fixture.Client.PostAsync(StaffAccess.SignIn,
            new { input = new { email, password = TestMerchant.Password } })).Field("signIn");
        return new StaffSession(email, session["token"]!.GetValue<string>(), session["refreshToken"]!.GetValue<string>());
    }
}
