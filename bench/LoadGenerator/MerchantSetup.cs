using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pointspot.Bench;

/// <summary>
/// Signs up the merchant whose members the load run earns points for, and creates its POS API key.
/// The key secret goes to the output file only, never to the console.
/// </summary>
public static class MerchantSetup
{
    private const string SignUpMutation = """
        mutation SignUp($input: SignUpMerchantInput!) {
          signUpMerchant(input: $input) { merchant { id } token }
        }
        """;

    private const string CreateApiKeyMutation = """
        mutation CreateKey($input: CreateApiKeyInput!) {
          createApiKey(input: $input) { apiKey { id } secret }
        }
        """;

    public static async Task<int> RunAsync(CommandLine options)
    {
        var endpoint = BenchHttp.ParseEndpoint(options.Text("url"));
        string tag = options.Text("tag");
        string output = options.Text("output");

        using var anonymous = BenchHttp.CreateClient(1, bearer: null);
        var signUp = await PostAsync(anonymous, endpoint, SignUpMutation, new
        {
            input = new
            {
                name = $"Benchmark shop {tag}",
                ownerEmail = $"bench-{tag}@example.com",
                password = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
                timeZone = "Asia/Bangkok",
            },
        });
        string merchantId = Read(signUp, "signUpMerchant", "merchant", "id");
        string ownerToken = Read(signUp, "signUpMerchant", "token");

        using var owner = BenchHttp.CreateClient(1, ownerToken);
        var key = await PostAsync(owner, endpoint, CreateApiKeyMutation,
            new { input = new { name = $"Bench POS {tag}" } });
        string secret = Read(key, "createApiKey", "secret");

        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(new { merchantId, apiKey = secret }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Console.WriteLine($"Merchant {merchantId} signed up; its POS API key is in {output}.");
        return 0;
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, Uri endpoint, string query, object variables)
    {
        using var response = await client.PostAsJsonAsync(endpoint, new { query, variables });
        string body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body);
        if (json?["errors"] is JsonArray { Count: > 0 } errors)
        {
            throw new SetupException(
                $"{endpoint} returned HTTP {(int)response.StatusCode} with errors: {errors.ToJsonString()}");
        }

        return json?["data"] ?? throw new SetupException(
            $"{endpoint} returned HTTP {(int)response.StatusCode} without data: {body}");
    }

    private static string Read(JsonNode data, params string[] path)
    {
        JsonNode? node = data;
        foreach (string name in path)
        {
            node = node?[name];
        }

        return node?.GetValue<string>() ?? throw new SetupException(
            $"The response has no {string.Join('.', path)}: {data.ToJsonString()}");
    }
}

/// <summary>The merchant or its API key could not be created; the message includes the server's response.</summary>
public sealed class SetupException(string message) : Exception(message);
