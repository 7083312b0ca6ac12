using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Merchants;

/// <summary>Creates a merchant for the replay: sign-up, earn rule and an API key for the purchases.</summary>
internal static class MerchantSignUp
{
    public const string MerchantName = "CDNOW replay";

    /// <summary>One point per dollar, so a file's expected points are the sum of its whole dollars.</summary>
    public const decimal SpendPerPoint = 1.00m;

    public static async Task<MerchantCredentials> SignUpAsync(
        GraphQLClient client, string timeZone, CancellationToken cancellationToken)
    {
        // A unique address per run because an address can have only one account. The password is
        // random because the tool never signs in again: the owner token goes to the key file.
        string email = $"cdnow-replay-{Guid.NewGuid():N}@example.com";
        string password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

        var signUpInput = new JsonObject
        {
            ["name"] = MerchantName,
            ["ownerEmail"] = email,
            ["password"] = password,
            ["timeZone"] = timeZone,
        };

        // Sent once: a retry after a lost response would hit EMAIL_TAKEN, with no way to get the
        // first attempt's token back.
        var signUp = await client.SendAsync(
            new GraphQLRequest(Operations.SignUpMerchant, new JsonObject { ["input"] = signUpInput }),
            bearerToken: null, cancellationToken, retry: false);
        var signUpPayload = RequirePayload(signUp, "signUpMerchant");
        string merchantId = RequireString(signUpPayload, "signUpMerchant", "merchant", "id");
        string ownerToken = RequireString(signUpPayload, "signUpMerchant", "token");

        var earnRuleInput = new JsonObject
        {
            ["spendPerPoint"] = SpendPerPoint.ToString("0.00", CultureInfo.InvariantCulture),
        };
        var earnRule = await client.SendAsync(
            new GraphQLRequest(Operations.SetEarnRule, new JsonObject { ["input"] = earnRuleInput }),
            ownerToken, cancellationToken);
        RequirePayload(earnRule, "setEarnRule");

        // A retried createApiKey may leave an unused extra key, which is harmless.
        var apiKeyInput = new JsonObject { ["name"] = MerchantName };
        var apiKey = await client.SendAsync(
            new GraphQLRequest(Operations.CreateApiKey, new JsonObject { ["input"] = apiKeyInput }),
            ownerToken, cancellationToken);
        var apiKeyPayload = RequirePayload(apiKey, "createApiKey");
        string secret = RequireString(apiKeyPayload, "createApiKey", "secret");

        return new MerchantCredentials(merchantId, ownerToken, secret, timeZone);
    }

    private static JsonElement RequirePayload(GraphQLResponse response, string field)
    {
        if (response.FirstError is { } error)
        {
            throw new SetupException($"{field} failed with {error.Code}: {error.Message}");
        }

        if (response.Data is not { } data || !data.TryGetPath(out var payload, field))
        {
            throw new SetupException(
                $"The response to {field} has no data: check that --url points at Pointspot.");
        }

        return payload;
    }

    private static string RequireString(JsonElement payload, string field, params string[] names) =>
        payload.GetStringAt(names)
        ?? throw new SetupException($"The response to {field} has no {string.Join('.', names)}.");
}
