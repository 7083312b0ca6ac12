namespace Pointspot.Replay.GraphQL;

/// <summary>The GraphQL documents the replay sends.</summary>
internal static class Operations
{
    public const string SignUpMerchant = """
        mutation SignUpMerchant($input: SignUpMerchantInput!) {
          signUpMerchant(input: $input) { merchant { id name timeZone } token }
        }
        """;

    public const string SetEarnRule = """
        mutation SetEarnRule($input: SetEarnRuleInput!) {
          setEarnRule(input: $input) { id }
        }
        """;

    public const string CreateApiKey = """
        mutation CreateApiKey($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { apiKey { id name } secret }
        }
        """;

    public const string CollectPoints = """
        mutation CollectPoints($input: CollectPointsInput!) {
          collectPoints(input: $input) {
            entry { id kind points amount balanceAfter occurredAt }
            member { phone balance }
            replayed
          }
        }
        """;

    public const string MemberBalance = """
        query MemberBalance($phone: String!) {
          member(phone: $phone) { balance }
        }
        """;

    public const string PointsSummary = """
        query PointsSummary {
          pointsSummary { members entries ledgerPoints memberBalances }
        }
        """;
}
