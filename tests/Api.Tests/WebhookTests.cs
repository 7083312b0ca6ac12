using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>A host whose webhook retries start after 100 ms, so failures are retried quickly.</summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ApiHost Host { get; private set; } = null!;

    public GraphQLClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("webhooks");
        Host = await ApiHost.StartAsync(Database.ConnectionString, $"webhook-tests-{Guid.NewGuid():N}",
            new Dictionary<string, string?>
            {
                ["Webhooks:FirstRetryDelay"] = "00:00:00.100",
                ["Webhooks:PollInterval"] = "00:00:00.050",
            });
        Client = new GraphQLClient(Host.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.StopAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>Webhook deliveries to a receiver on 127.0.0.1 that fails some requests on purpose.</summary>
public sealed class WebhookTests(WebhookHostFixture fixture) : IClassFixture<WebhookHostFixture>
{
    private const string CreateWebhook = """
        mutation ($input: CreateWebhookInput!) {
          createWebhook(input: $input) { secret webhook { id url eventKinds deliveredThrough } }
        }
        """;

    private const string Deliveries = """
        query ($id: ID!) { webhookDeliveries(webhookId: $id, first: 200) { sequence attempt outcome statusCode error } }
        """;

    private const string Replay = """
        mutation ($id: ID!, $after: Long!) { replayWebhook(webhookId: $id, afterSequence: $after) { deliveredThrough } }
        """;

    [Fact]
    public async Task Deliveries_SomeFail_EachDeliveredInOrder()
    {
        var merchant = await TestMerchant.CreateAsync(fixture.Client, "25.00", null);
        // Every third entry fails its first attempt; the first of them fails three times.
        var failing = new List<long>();
        await using var receiver = await WebhookReceiver.StartAsync((sequence, attempt) =>
        {
            lock (failing)
            {
                if (attempt == 1 && !failing.Contains(sequence) && (sequence % 3 == 0))
                {
                    failing.Add(sequence);
                }

                int index = failing.IndexOf(sequence);
                return index == 0 ? attempt <= 3 : index > 0 && attempt == 1;
            }
        });
        var (id, secret) = await CreateAsync(merchant, receiver.Url.ToString(), "EARN");

        for (int i = 1; i <= 9; i++)
        {
            Assert.Empty((await merchant.CollectAsync("0815550000", $"{i * 25}.00", $"W-{i}")).Errors);
        }

        Assert.Empty((await merchant.SendAsync("0815550000", 7, "send-not-delivered")).Errors);
        var earns = await EarnSequencesAsync(merchant.Id);
        await receiver.WaitUntilAsync(requests => requests.Count(r => r.Status == 204) >= earns.Count);

        var requests = receiver.Requests;
        var delivered = requests.Where(r => r.Status == 204).ToList();
        Assert.Equal(earns, delivered.Select(r => r.Sequence));
        Assert.Equal(requests.Select(r => r.Sequence).Order(), requests.Select(r => r.Sequence));
        Assert.All(requests, r => Assert.Equal(Sign(secret, r.Body), r.Signature));
        Assert.All(delivered, r => Assert.Equal(r.Sequence, JsonNode.Parse(r.Body)!["sequence"]!.GetValue<long>()));
        Assert.All(delivered, r => Assert.Equal(r.Timestamp,
            JsonNode.Parse(r.Body)!["timestamp"]!.GetValue<long>().ToString()));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"W-{i}"),
            delivered.Select(r => JsonNode.Parse(r.Body)!["entry"]!["receiptNumber"]!.GetValue<string>()));
        Assert.Equal(3, failing.Count);
        Assert.Equal(4, requests.Count(r => r.Sequence == failing[0]));

        var log = (await fixture.Client.PostAsync(Deliveries, new { id }, merchant.PartnerKey)).Field("webhookDeliveries").AsArray();
        Assert.Equal(requests.Count(r => r.Status == 500), log.Count(d => d!["outcome"]!.GetValue<string>() == "FAILED"));
        Assert.Equal(9, log.Count(d => d!["outcome"]!.GetValue<string>() == "DELIVERED"));
        Assert.All(log.Where(d => d!["outcome"]!.GetValue<string>() == "FAILED"),
            d => Assert.Equal(500, d!["statusCode"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Replay_FromSequence_DeliversThoseEntriesAgain()
    {
        var merchant = await TestMerchant.CreateAsync(fixture.Client, "25.00", null);
        await using var receiver = await WebhookReceiver.StartAsync((_, _) => false);
        var (id, _) = await CreateAsync(merchant, receiver.Url.ToString(), "EARN");
        for (int i = 1; i <= 4; i++)
        {
            Assert.Empty((await merchant.CollectAsync("0815551111", "100.00", $"P-{i}")).Errors);
        }

        var earns = await EarnSequencesAsync(merchant.Id);
        await receiver.WaitUntilAsync(requests => requests.Count >= 4);

        var replay = await fixture.Client.PostAsync(Replay, new { id, after = earns[1] }, merchant.PartnerKey);
        Assert.Equal(earns[1], replay.Field("replayWebhook")["deliveredThrough"]!.GetValue<long>());
        await receiver.WaitUntilAsync(requests => requests.Count >= 6);

        Assert.Equal([.. earns, earns[2], earns[3]], receiver.Requests.Select(r => r.Sequence));
    }

    [Fact]
    public async Task CreateWebhook_FtpUrl_Rejected()
    {
        var merchant = await TestMerchant.CreateAsync(fixture.Client, "25.00", null);

        var response = await fixture.Client.PostAsync(CreateWebhook,
            new { input = new { url = "ftp://partner.example/hook", eventKinds = new[] { "EARN" } } }, merchant.PartnerKey);
        var list = await fixture.Client.PostAsync("{ webhooks { id } }", null, merchant.PartnerKey);

        Assert.Equal("INVALID_WEBHOOK_URL", response.Errors[0]["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("ftp://partner.example/hook", response.Errors[0]["message"]!.GetValue<string>());
        Assert.Empty(list.Field("webhooks").AsArray());
    }

    private async Task<(string Id, string Secret)> CreateAsync(TestMerchant merchant, string url, params string[] kinds)
    {
        var created = (await fixture.Client.PostAsync(CreateWebhook,
            new { input = new { url, eventKinds = kinds } }, merchant.PartnerKey)).Field("createWebhook");
        return (created["webhook"]!["id"]!.GetValue<string>(), created["secret"]!.GetValue<string>());
    }

    private async Task<List<long>> EarnSequencesAsync(Guid merchantId)
    {
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT entry_id FROM point_ledger WHERE merchant_id = $1 AND kind = 'EARN' ORDER BY entry_id");
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        var sequences = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return sequences;
    }

    private static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
