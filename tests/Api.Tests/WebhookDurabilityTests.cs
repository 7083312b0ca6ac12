using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// A silo process killed with SIGKILL while a webhook request is in flight: another silo on the
/// same database delivers every entry once the dead silo's lease runs out.
/// </summary>
public sealed class WebhookDurabilityTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string> ShortLease = new()
    {
        ["Webhooks__AllowPrivateAddresses"] = "true",
        ["Webhooks__LeaseDuration"] = "00:00:02",
        ["Webhooks__FirstRetryDelay"] = "00:00:00.100",
        ["Webhooks__PollInterval"] = "00:00:00.050",
    };

    private TestDatabase _database = null!;
    private readonly List<SiloProcess> _silos = [];

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("webhook-kill");

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SiloKilledMidDelivery_EveryEntryDelivered()
    {
        var first = SiloProcess.Create(_database.ConnectionString, $"webhook-kill-a-{Guid.NewGuid():N}", ShortLease);
        _silos.Add(first);
        await first.StartAsync(TimeSpan.FromMinutes(2));
        using var client = new GraphQLClient(first.BaseAddress);
        var merchant = await TestMerchant.CreateAsync(client, "25.00", null);

        var inFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long? heldSequence = null;
        await using var receiver = await WebhookReceiver.StartAsync(
            (sequence, attempt) => sequence == heldSequence && attempt == 1,
            async (sequence, attempt) =>
            {
                if (heldSequence is null || sequence == heldSequence && attempt == 1)
                {
                    heldSequence = sequence;
                    inFlight.TrySetResult();
                    await killed.Task;
                }
            });
        var created = (await client.PostAsync("""
            mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { webhook { id } } }
            """, new { input = new { url = receiver.Url.ToString(), eventKinds = new[] { "EARN" } } }, merchant.PartnerKey))
            .Field("createWebhook");
        Assert.NotNull(created["webhook"]);
        for (int i = 1; i <= 5; i++)
        {
            Assert.Empty((await merchant.CollectAsync("0813330000", "100.00", $"K-{i}")).Errors);
        }

        await inFlight.Task.WaitAsync(NodeScript.HangTimeout);
        first.Kill();
        killed.TrySetResult();

        // A silo of another cluster shares only the database, which contains the delivery state.
        var second = SiloProcess.Create(_database.ConnectionString, $"webhook-kill-b-{Guid.NewGuid():N}", ShortLease);
        _silos.Add(second);
        await second.StartAsync(TimeSpan.FromMinutes(2));
        await receiver.WaitUntilAsync(requests => requests.Count(r => r.Status == 204) >= 5);

        var delivered = receiver.Requests.Where(r => r.Status == 204).Select(r => r.Sequence).ToList();
        Assert.Equal(5, delivered.Distinct().Count());
        Assert.Equal(delivered.Order(), delivered);
        Assert.Equal(heldSequence, delivered[0]);
    }
}
