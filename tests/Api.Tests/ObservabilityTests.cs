using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Metrics at /metrics and the JSON console logs of a silo in its own process, so that its
/// counters and its output contain only what this test sent.
/// </summary>
public sealed partial class ObservabilityTests : IAsyncLifetime
{
    private const string Password = "observability secret 1";
    private const string Phone = "+66812345678";

    private static readonly string[] Phones = [Phone, "0923456789", "063-456-7890"];

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("observability");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Silo_SignUpAndCollect_CountsAndHidesSecrets()
    {
        await using SiloProcess silo = SiloProcess.Create(database.ConnectionString, $"observability-{Guid.NewGuid():N}",
            new Dictionary<string, string>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Default"] = "Information",
                ["Logging__LogLevel__Pointspot"] = "Debug",
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Information",
                ["Logging__LogLevel__Orleans"] = "Warning",
            });
        await silo.StartAsync(TimeSpan.FromSeconds(90));
        using var client = new GraphQLClient(silo.BaseAddress);

        // Sign-up, sign-in, an API key and purchases with phone numbers in three forms.
        string email = $"owner-{Guid.NewGuid():N}@example.com";
        JsonNode signUp = (await client.PostAsync(Documents.SignUpMerchant,
            new { input = new { name = "Khao Man Gai", ownerEmail = email, password = Password } })).Field("signUpMerchant");
        string signUpToken = signUp["token"]!.GetValue<string>();
        var merchantId = Guid.Parse(signUp["merchant"]!["id"]!.GetValue<string>());
        string token = (await client.PostAsync(
            "mutation SignIn($input: SignInInput!) { signIn(input: $input) { token } }",
            new { input = new { email, password = Password } })).Field("signIn")["token"]!.GetValue<string>();
        (await client.PostAsync(Documents.SetEarnRule, new { input = new { spendPerPoint = "10.00" } }, token))
            .Field("setEarnRule");
        JsonNode key = (await client.PostAsync(Documents.CreateApiKey,
            new { input = new { name = "Counter 1" } }, token)).Field("createApiKey");
        var merchant = new TestMerchant(client, merchantId, token, key["apiKey"]!["id"]!.GetValue<string>(),
            key["secret"]!.GetValue<string>());
        for (int i = 0; i < 7; i++)
        {
            (await merchant.CollectAsync(Phones[i % Phones.Length], "25.00", $"R-{i}")).Field("collectPoints");
        }

        GraphQLResponse invalid = await merchant.CollectAsync("12345", "25.00", "R-INVALID");
        const int graphQLRequests = 4 + 7 + 1;

        // Kestrel finishes a request, recording its duration, before it reads the next one on the
        // same connection, so after this the /graphql requests above are all counted.
        await client.SendAsync(HttpMethod.Get, "health/live");
        string metrics = await ScrapeAsync(silo.BaseAddress);
        await silo.StopAsync();
        string output = silo.Output;

        Assert.Equal("INVALID_PHONE", invalid.SingleErrorCode());

        // Metrics: what was sent, counted once.
        Assert.Equal(7, Sample(metrics, "pointspot_graphql_requests_total", ("graphql_operation", "collectPoints"), ("outcome", "OK")));
        Assert.Equal(1, Sample(metrics, "pointspot_graphql_requests_total", ("graphql_operation", "collectPoints"), ("outcome", "INVALID_PHONE")));
        Assert.Equal(1, Sample(metrics, "pointspot_graphql_requests_total", ("graphql_operation", "signUpMerchant"), ("outcome", "OK")));
        Assert.Equal(1, Sample(metrics, "pointspot_graphql_requests_total", ("graphql_operation", "signIn"), ("outcome", "OK")));
        Assert.Equal(7, Sample(metrics, "pointspot_ledger_entries_total", ("kind", "EARN")));
        Assert.Equal(7, Sample(metrics, "pointspot_ledger_batch_size_sum"));
        double flushes = Sample(metrics, "pointspot_ledger_batch_size_count");
        Assert.InRange(flushes, 1, 7);
        Assert.Equal(flushes, Sample(metrics, "pointspot_ledger_flush_duration_seconds_count"));
        Assert.Equal(Phones.Length, Sample(metrics, "orleans_catalog_activation_created_total", ("grain_type", "member")));
        Assert.Equal(graphQLRequests, SumSamples(metrics, "http_server_request_duration_seconds_count", ("http_route", "/graphql")));

        // Logs: JSON lines, no secret and no whole phone number.
        List<JsonObject> lines = ParseLines(output);
        string[] secrets =
        [
            Password, signUpToken, token, merchant.ApiKey, Phone, "812345678", "0923456789", "923456789",
            "063-456-7890", "634567890",
        ];
        foreach (string secret in secrets)
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The logs contain \"{secret}\".");
        }

        // The grains' lines of a request carry its request id and merchant, and name members by masked phone.
        var created = lines.Where(line => line["eventId"]!.GetValue<int>() == 2003).ToList();
        Assert.Equal(Phones.Length, created.Count);
        Assert.Contains(created, line => line["message"]!.GetValue<string>().Contains("+6681****678", StringComparison.Ordinal));
        var requestIds = lines
            .Where(line => line["category"]!.GetValue<string>() == "Microsoft.AspNetCore.Hosting.Diagnostics")
            .Select(line => line["scope"]?["RequestId"]?.GetValue<string>())
            .ToHashSet();
        foreach (JsonObject line in created)
        {
            Assert.Equal(merchantId.ToString(), line["scope"]!["MerchantId"]!.GetValue<string>());
            Assert.Contains(line["scope"]!["RequestId"]!.GetValue<string>(), requestIds);
        }

        Assert.Contains(lines, line => line["eventId"]!.GetValue<int>() == 3101
            && line["scope"]!["RequestId"] is not null);
    }

    private static async Task<string> ScrapeAsync(Uri baseAddress)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };
        using HttpResponseMessage response = await http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Returns the value of the one sample of a metric with these labels, failing when there is not exactly one.</summary>
    private static double Sample(string metrics, string name, params (string Label, string Value)[] labels)
    {
        var samples = FindSamples(metrics, name, labels);
        Assert.True(samples.Count == 1,
            $"Expected one sample of {name} with {string.Join(", ", labels)}, found {samples.Count} in:\n{metrics}");
        return samples[0];
    }

    private static double SumSamples(string metrics, string name, params (string Label, string Value)[] labels) =>
        FindSamples(metrics, name, labels).Sum();

    private static List<double> FindSamples(string metrics, string name, (string Label, string Value)[] labels)
    {
        var values = new List<double>();
        foreach (Match match in SampleLine().Matches(metrics))
        {
            if (match.Groups["name"].Value != name)
            {
                continue;
            }

            string labelText = match.Groups["labels"].Value;
            if (labels.All(label => labelText.Contains($"{label.Label}=\"{label.Value}\"", StringComparison.Ordinal)))
            {
                values.Add(double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary>Parses each non-empty line of the output as a JSON object, failing on any other line.</summary>
    private static List<JsonObject> ParseLines(string output)
    {
        var lines = new List<JsonObject>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                lines.Add(JsonNode.Parse(line)!.AsObject());
            }
            catch (JsonException exception)
            {
                Assert.Fail($"A log line is not JSON ({exception.Message}): {line}");
            }
        }

        return lines;
    }

    // A Prometheus text-format sample: name, optional {labels}, value.
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
