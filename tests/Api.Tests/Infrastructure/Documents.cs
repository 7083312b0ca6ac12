namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>The GraphQL documents of the tests, written against the POS contract's field names.</summary>
public static class Documents
{
    private const string EntryFields = "id kind points amount receiptNumber occurredAt balanceAfter";

    private const string MemberFields = "phone status balance lifetimePoints";

    public const string SignUpMerchant = """
        mutation SignUp($input: SignUpMerchantInput!) {
          signUpMerchant(input: $input) { token merchant { id name timeZone } }
        }
        """;

    public const string SetEarnRule = """
        mutation SetEarnRule($input: SetEarnRuleInput!) {
          setEarnRule(input: $input) { id name timeZone earnRule { spendPerPoint minimumSpend } }
        }
        """;

    public const string CreateApiKey = """
        mutation CreateApiKey($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { secret apiKey { id name } }
        }
        """;

    public const string RevokeApiKey = """
        mutation RevokeApiKey($id: ID!) { revokeApiKey(id: $id) { id name revokedAt } }
        """;

    public const string CollectPoints = $$"""
        mutation Collect($input: CollectPointsInput!) {
          collectPoints(input: $input) { replayed entry { {{EntryFields}} } member { {{MemberFields}} } }
        }
        """;

    public const string SendPoints = $$"""
        mutation Send($input: AdjustPointsInput!) {
          sendPoints(input: $input) { replayed entry { {{EntryFields}} } member { {{MemberFields}} } }
        }
        """;

    public const string PullPoints = $$"""
        mutation Pull($input: AdjustPointsInput!) {
          pullPoints(input: $input) { replayed entry { {{EntryFields}} } member { {{MemberFields}} } }
        }
        """;

    public const string Member = $$"""
        query Member($phone: String!) { member(phone: $phone) { {{MemberFields}} } }
        """;

    public const string History = $$"""
        query History($phone: String!, $first: Int, $after: String) {
          member(phone: $phone) {
            balance
            history(first: $first, after: $after) {
              edges { cursor node { {{EntryFields}} } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """;

    public const string PointsSummary = """
        query Summary { pointsSummary { members entries ledgerPoints memberBalances } }
        """;
}
