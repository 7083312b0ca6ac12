using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// Stops the host gracefully and starts a new one on the same database, so this class runs its
/// own hosts instead of the shared one.
/// </summary>
public sealed class SiloRestartTests : IAsyncLifetime
{
    /// <summary>The shop's time of every purchase before the restart, so a retry repeats it exactly.</summary>
    private static readonly DateTimeOffset PurchaseTime = TestMerchant.HourAgo();

    private static readonly string[] Phones = ["0811111111", "0922222222", "0633333333"];

    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("restart");

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Restart_SameDatabase_LosesNothing()
    {
        string clusterId = $"restart-tests-{Guid.NewGuid():N}";
        TestMerchant merchant;
        List<string> before;
        PointsSummaryView summaryBefore;
        long expectedTotal;

        await using (ApiHost first = await ApiHost.StartAsync(database.ConnectionString, clusterId))
        {
            using var client = new GraphQLClient(first.BaseAddress);
            merchant = await TestMerchant.CreateAsync(client, "10.00", null);
            expectedTotal = await WriteActivityAsync(merchant);
            before = await ReadMembersAsync(merchant);
            summaryBefore = await merchant.SummaryAsync();
            await first.StopAsync();
        }

        await using ApiHost second = await ApiHost.StartAsync(database.ConnectionString, clusterId);
        using var secondClient = new GraphQLClient(second.BaseAddress);
        TestMerchant restarted = merchant with { Client = secondClient };

        List<string> after = await ReadMembersAsync(restarted);
        PointsSummaryView summaryAfter = await restarted.SummaryAsync();
        GraphQLResponse next = await restarted.CollectAsync(Phones[0], "30.00", "R-AFTER-RESTART");

        Assert.Equal(before, after);
        Assert.Equal(summaryBefore, summaryAfter);
        Assert.Equal(expectedTotal, summaryAfter.LedgerPoints);
        Assert.Equal(expectedTotal, summaryAfter.MemberBalances);
        long firstBalance = JsonNode.Parse(before[0])!["balance"]!.GetValue<long>();
        JsonNode payload = next.Field("collectPoints");
        Assert.Equal(firstBalance + TestMerchant.ExpectedPoints(30.00m, 10.00m),
            payload["member"]!["balance"]!.GetValue<long>());

        // A retry of a request from before the restart, sent with the same body, returns the stored entry.
        GraphQLResponse retry = await restarted.CollectAsync(Phones[1], "55.55", "R-1-0", "collect-R-1-0", PurchaseTime);
        Assert.True(retry.Field("collectPoints")["replayed"]!.GetValue<bool>());
    }

    /// <summary>Earns, sends and pulls for each member, and returns the points the ledger must total.</summary>
    private static async Task<long> WriteActivityAsync(TestMerchant merchant)
    {
        long total = 0;
        for (int m = 0; m < Phones.Length; m++)
        {
            for (int i = 0; i < 4; i++)
            {
                (await merchant.CollectAsync(Phones[m], "55.55", $"R-{m}-{i}", occurredAt: PurchaseTime)).Field("collectPoints");
                total += TestMerchant.ExpectedPoints(55.55m, 10.00m);
            }

            (await merchant.SendAsync(Phones[m], 10 + m, $"send-{m}")).Field("sendPoints");
            (await merchant.PullAsync(Phones[m], 3, $"pull-{m}")).Field("pullPoints");
            total += 10 + m - 3;
        }

        return total;
    }

    /// <summary>Reads every member with the whole history, as JSON text to compare whole.</summary>
    private static async Task<List<string>> ReadMembersAsync(TestMerchant merchant)
    {
        var members = new List<string>();
        foreach (string phone in Phones)
        {
            GraphQLResponse response = await merchant.Client.PostAsync(
                """
                query Member($phone: String!) {
                  member(phone: $phone) {
                    phone status balance lifetimePoints
                    history(first: 100) {
                      edges { cursor node { id kind points amount receiptNumber occurredAt balanceAfter } }
                      pageInfo { hasNextPage endCursor }
                    }
                  }
                }
                """,
                new { phone }, merchant.OwnerToken);
            members.Add(response.Field("member").ToJsonString());
        }

        return members;
    }
}
