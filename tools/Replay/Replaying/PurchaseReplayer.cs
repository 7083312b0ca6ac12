using System.Text.Json.Nodes;
using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Replaying;

/// <summary>Sends purchases as collectPoints mutations, a fixed number at a time.</summary>
internal sealed class PurchaseReplayer(
    GraphQLClient client, string apiKey, TimeZoneInfo timeZone, int concurrency)
{
    public Task ReplayAsync(
        IEnumerable<Purchase> purchases, ReplayTally tally, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = concurrency,
            CancellationToken = cancellationToken,
        };

        return Parallel.ForEachAsync(purchases, options, async (purchase, token) =>
        {
            var request = CollectRequest(purchase, timeZone);
            var response = await client.SendAsync(request, apiKey, token);
            tally.RecordOutcome(purchase, CollectOutcome.FromResponse(response));
        });
    }

    public static GraphQLRequest CollectRequest(Purchase purchase, TimeZoneInfo timeZone)
    {
        var input = new JsonObject
        {
            ["phone"] = purchase.Phone,
            ["amount"] = purchase.AmountText,
            ["receiptNumber"] = purchase.ReceiptNumber,
            ["idempotencyKey"] = purchase.IdempotencyKey,
            ["occurredAt"] = ShopClock.OccurredAt(purchase.Date, timeZone),
        };

        return new GraphQLRequest(Operations.CollectPoints, new JsonObject { ["input"] = input });
    }
}
