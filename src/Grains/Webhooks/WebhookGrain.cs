using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Webhooks;

namespace Pointspot.Grains.Webhooks;

/// <summary>A merchant's webhook subscriptions; the rows in webhook_subscription are the state.</summary>
public sealed class WebhookGrain(WebhookStore store, ILedgerFeed feed, IOptions<WebhookOptions> options) : Grain, IWebhookGrain
{
    public const int MaxWebhooksPerMerchant = 20;
    public const int MaxDeliveriesPerPage = 200;

    public async Task<WebhookCreated> Create(
        string url, IReadOnlyList<LedgerEntryKind> eventKinds, long? afterSequence, Actor actor)
    {
        if (WebhookRules.CheckUrl(url, options.Value.AllowPrivateAddresses) is { } badUrl)
        {
            return new WebhookCreated(null, null, badUrl);
        }

        if (eventKinds.Count == 0)
        {
            return new WebhookCreated(null, null, new PointspotError(ErrorCodes.InvalidInput,
                "eventKinds is empty: name at least one ledger entry kind, such as EARN."));
        }

        if (afterSequence < 0)
        {
            return new WebhookCreated(null, null, BadSequence(afterSequence.Value));
        }

        var existing = await store.ListAsync(this.GetPrimaryKey());
        if (existing.Count >= MaxWebhooksPerMerchant)
        {
            return new WebhookCreated(null, null, new PointspotError(ErrorCodes.InvalidInput,
                $"The merchant already has {existing.Count} webhooks, the maximum: delete one first."));
        }

        // Without a starting point, the subscription starts after every entry committed so far.
        long start = afterSequence ?? Math.Max(0, feed.Watermark);
        string secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var view = await store.InsertAsync(this.GetPrimaryKey(), Guid.NewGuid(), url,
            eventKinds.Distinct().Order().ToList(), secret, actor.ToString(), start);
        return new WebhookCreated(view, secret, null);
    }

    public Task<IReadOnlyList<WebhookView>> List() => store.ListAsync(this.GetPrimaryKey());

    public async Task<WebhookResult> Replay(Guid webhookId, long afterSequence, Actor actor)
    {
        if (afterSequence < 0)
        {
            return new WebhookResult(null, BadSequence(afterSequence));
        }

        var view = await store.ReplayAsync(this.GetPrimaryKey(), webhookId, afterSequence);
        return view is null ? new WebhookResult(null, NotFound(webhookId)) : new WebhookResult(view, null);
    }

    public async Task<WebhookResult> Delete(Guid webhookId, Actor actor)
    {
        var view = await store.DeleteAsync(this.GetPrimaryKey(), webhookId);
        return view is null ? new WebhookResult(null, NotFound(webhookId)) : new WebhookResult(view, null);
    }

    public async Task<WebhookDeliveriesResult> Deliveries(Guid webhookId, long? beforeId, int first)
    {
        if (first is < 1 or > MaxDeliveriesPerPage)
        {
            return new WebhookDeliveriesResult(null, new PointspotError(ErrorCodes.InvalidInput,
                $"first {first} is out of range: ask for 1 to {MaxDeliveriesPerPage} deliveries."));
        }

        var deliveries = await store.DeliveriesAsync(this.GetPrimaryKey(), webhookId, beforeId, first);
        return deliveries is null
            ? new WebhookDeliveriesResult(null, NotFound(webhookId))
            : new WebhookDeliveriesResult(deliveries, null);
    }

    private static PointspotError BadSequence(long sequence) => new(ErrorCodes.InvalidInput,
        $"Sequence {sequence} is negative: pass 0 to start from the first ledger entry, or the last sequence received.");

    private static PointspotError NotFound(Guid webhookId) => new(ErrorCodes.WebhookNotFound,
        $"Webhook {webhookId} does not exist at this merchant or was deleted: take an id from the webhooks query.");
}
