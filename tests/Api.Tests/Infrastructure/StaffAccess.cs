using System.Text.Json.Nodes;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>A signed-in staff member: their e-mail address, access token and refresh token.</summary>
public sealed record StaffSession(string Email, string Token, string RefreshToken);

/// <summary>Documents and helpers for staff, sessions and scoped API keys.</summary>
public static class StaffAccess
{
    public const string SessionFields = "token expiresAt refreshToken refreshTokenExpiresAt role merchant { id }";

    public const string InviteStaff = """
        mutation Invite($input: InviteStaffInput!) {
          inviteStaff(input: $input) { token invitation { id email role expiresAt acceptedAt } }
        }
        """;

    public const string AcceptInvitation = $$"""
        mutation Accept($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { {{SessionFields}} } }
        """;

    public const string SignIn = $$"""
        mutation SignIn($input: SignInInput!) { signIn(input: $input) { {{SessionFields}} } }
        """;

    public const string RefreshSession = $$"""
        mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { {{SessionFields}} } }
        """;

    public const string SignOut = """
        mutation SignOut($refreshToken: String!) { signOut(refreshToken: $refreshToken) }
        """;

    public const string Staff = """
        query Staff { staff { id email role removedAt } }
        """;

    public const string RemoveStaff = """
        mutation Remove($id: ID!) { removeStaff(id: $id) { id email role removedAt } }
        """;

    public const string SetCashierPointsLimit = """
        mutation Limit($points: Long!) { setCashierPointsLimit(points: $points) }
        """;

    public const string CreateScopedApiKey = """
        mutation CreateApiKey($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { secret apiKey { id name scope } }
        }
        """;

    public const string Merchant = """
        query Merchant { merchant { id name } }
        """;

    /// <summary>Invites a new address with the role, accepts the invitation and returns the session.</summary>
    public static async Task<StaffSession> AddStaffAsync(TestMerchant merchant, string role)
    {
        string email = $"{role}-{Guid.NewGuid():N}@example.com";
        JsonNode invited = (await merchant.Client.PostAsync(InviteStaff,
            new { input = new { email, role } }, merchant.OwnerToken)).Field("inviteStaff");
        JsonNode session = (await merchant.Client.PostAsync(AcceptInvitation,
            new { input = new { token = invited["token"]!.GetValue<string>(), password = TestMerchant.Password } }))
            .Field("acceptInvitation");
        return new StaffSession(email, session["token"]!.GetValue<string>(), session["refreshToken"]!.GetValue<string>());
    }

    /// <summary>Creates an API key of the scope and returns its secret.</summary>
    public static async Task<string> CreateKeyAsync(TestMerchant merchant, string scope)
    {
        JsonNode created = (await merchant.Client.PostAsync(CreateScopedApiKey,
            new { input = new { name = $"{scope} key", scope } }, merchant.OwnerToken)).Field("createApiKey");
        Assert.Equal(scope, created["apiKey"]!["scope"]!.GetValue<string>());
        return created["secret"]!.GetValue<string>();
    }
}
