using System.Globalization;
using System.Text.Json.Nodes;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>One running host on its own database, shared by the test classes of the "api" collection.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ApiHost Host { get; private set; } = null!;

    public GraphQLClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("api");
        Host = await ApiHost.StartAsync(Database.ConnectionString, $"api-tests-{Guid.NewGuid():N}");
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

    /// <summary>Signs up a merchant, sets 25.00 per point (or the rule given) and creates one POS key.</summary>
    public Task<TestMerchant> NewMerchantAsync(string spendPerPoint = "25.00", string? minimumSpend = null) =>
        TestMerchant.CreateAsync(Client, spendPerPoint, minimumSpend);
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "api";
}

/// <summary>A signed-up merchant with its owner's token, one POS API key and one partner API key.</summary>
public sealed record TestMerchant(GraphQLClient Client, Guid Id, string OwnerToken, string ApiKeyId, string ApiKey)
{
    public const string Password = "correct horse battery";

    public static async Task<TestMerchant> CreateAsync(
        GraphQLClient client, string spendPerPoint, string? minimumSpend, string? ownerEmail = null)
    {
        string email = ownerEmail ?? $"owner-{Guid.NewGuid():N}@example.com";
        GraphQLResponse signUp = await client.PostAsync(Documents.SignUpMerchant,
            new { input = new { name = "Som Tam Corner", ownerEmail = email, password = Password } });
        JsonNode payload = signUp.Field("signUpMerchant");
        string token = payload["token"]!.GetValue<string>();
        var merchantId = Guid.Parse(payload["merchant"]!["id"]!.GetValue<string>());

        GraphQLResponse rule = await client.PostAsync(Documents.SetEarnRule,
            new { input = new { spendPerPoint, minimumSpend } }, token);
        rule.Field("setEarnRule");

        GraphQLResponse key = await client.PostAsync(Documents.CreateApiKey,
            new { input = new { name = "Counter 1" } }, token);
        JsonNode created = key.Field("createApiKey");
        GraphQLResponse partnerKey = await client.PostAsync(Documents.CreateApiKey,
            new { input = new { name = "Partner 1", scope = "partner" } }, token);
        return new TestMerchant(client, merchantId, token, created["apiKey"]!["id"]!.GetValue<string>(),
            created["secret"]!.GetValue<string>())
        {
            PartnerKey = partnerKey.Field("createApiKey")["secret"]!.GetValue<string>(),
        };
    }

    /// <summary>An API key of scope partner: reads, subscriptions and webhooks.</summary>
    public string PartnerKey { get; init; } = "";

    /// <summary>Sends collectPoints with this merchant's API key, or with <paramref name="bearer"/>.</summary>
    public Task<GraphQLResponse> CollectAsync(
        string phone, string amount, string receiptNumber, string? idempotencyKey = null,
        DateTimeOffset? occurredAt = null, string? bearer = null)
    {
        var input = new
        {
            phone,
            amount,
            receiptNumber,
            idempotencyKey = idempotencyKey ?? $"collect-{receiptNumber}",
            occurredAt = (occurredAt ?? DefaultPurchaseTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        return Client.PostAsync(Documents.CollectPoints, new { input }, bearer ?? ApiKey);
    }

    public Task<GraphQLResponse> SendAsync(string phone, long points, string idempotencyKey, string? bearer = null) =>
        Client.PostAsync(Documents.SendPoints,
            new { input = new { phone, points, reason = "goodwill", idempotencyKey } }, bearer ?? OwnerToken);

    public Task<GraphQLResponse> PullAsync(string phone, long points, string idempotencyKey, string? bearer = null) =>
        Client.PostAsync(Documents.PullPoints,
            new { input = new { phone, points, reason = "correction", idempotencyKey } }, bearer ?? OwnerToken);

    /// <summary>Returns data.member, which is null for a phone number this merchant has never seen.</summary>
    public async Task<JsonNode?> MemberAsync(string phone, string? bearer = null)
    {
        GraphQLResponse response = await Client.PostAsync(Documents.Member, new { phone }, bearer ?? ApiKey);
        Assert.True(response.Errors.Count == 0, $"member query failed: {response.Body?.ToJsonString()}");
        return response.Data!["member"];
    }

    public async Task<PointsSummaryView> SummaryAsync()
    {
        GraphQLResponse response = await Client.PostAsync(Documents.PointsSummary, null, OwnerToken);
        JsonNode summary = response.Field("pointsSummary");
        return new PointsSummaryView(
            summary["members"]!.GetValue<long>(),
            summary["entries"]!.GetValue<long>(),
            summary["ledgerPoints"]!.GetValue<long>(),
            summary["memberBalances"]!.GetValue<long>());
    }

    /// <summary>An hour ago on a Bangkok clock, in whole seconds.</summary>
    /// <summary>
    /// The shop's time of a purchase sent without one: fixed for the test run, so a retry or a
    /// parallel copy of a request repeats it exactly, as a POS does.
    /// </summary>
    public static readonly DateTimeOffset DefaultPurchaseTime = HourAgo();

    public static DateTimeOffset HourAgo()
    {
        var now = DateTimeOffset.UtcNow;
        var whole = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return whole.AddHours(-1).ToOffset(TimeSpan.FromHours(7));
    }

    /// <summary>Points a purchase earns at one point per <paramref name="spendPerPoint"/>, rounded down.</summary>
    public static long ExpectedPoints(decimal amount, decimal spendPerPoint) =>
        (long)decimal.Floor(amount / spendPerPoint);
}

public sealed record PointsSummaryView(long Members, long Entries, long LedgerPoints, long MemberBalances);
