using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Webhooks;

/// <summary>A partner's webhook subscription as listed; the secret is shown only at creation.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.webhook")]
public sealed record WebhookView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Url,
    [property: Id(2)] IReadOnlyList<LedgerEntryKind> EventKinds,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] long DeliveredThrough,
    [property: Id(5)] int FailedAttempts,
    [property: Id(6)] DateTimeOffset? FailingSince,
    [property: Id(7)] DateTimeOffset NextAttemptAt,
    [property: Id(8)] bool Deleted);

/// <summary>The result of creating a webhook: the subscription and its signing secret, or an error.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.webhook-created")]
public sealed record WebhookCreated(
    [property: Id(0)] WebhookView? Webhook,
    [property: Id(1)] string? Secret,
    [property: Id(2)] PointspotError? Error);

[GenerateSerializer, Immutable, Alias("pointspot.webhook-result")]
public sealed record WebhookResult(
    [property: Id(0)] WebhookView? Webhook,
    [property: Id(1)] PointspotError? Error);

/// <summary>One attempt to deliver one ledger entry.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.webhook-delivery")]
public sealed record WebhookDeliveryView(
    [property: Id(0)] long Id,
    [property: Id(1)] long Sequence,
    [property: Id(2)] int Attempt,
    [property: Id(3)] string Outcome,
    [property: Id(4)] int? StatusCode,
    [property: Id(5)] string? Error,
    [property: Id(6)] DateTimeOffset AttemptedAt,
    [property: Id(7)] int DurationMilliseconds);

[GenerateSerializer, Immutable, Alias("pointspot.webhook-deliveries")]
public sealed record WebhookDeliveriesResult(
    [property: Id(0)] IReadOnlyList<WebhookDeliveryView>? Deliveries,
    [property: Id(1)] PointspotError? Error);

/// <summary>
/// A merchant's webhook subscriptions, keyed by merchant id. Deliveries themselves run in every
/// silo's webhook dispatcher, which leases one subscription at a time from the database.
/// </summary>
public interface IWebhookGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Subscribes <paramref name="url"/> to the entries of the given kinds committed after
    /// <paramref name="afterSequence"/>, or after the newest committed entry when it is null.
    /// </summary>
    Task<WebhookCreated> Create(string url, IReadOnlyList<LedgerEntryKind> eventKinds, long? afterSequence, Actor actor);

    Task<IReadOnlyList<WebhookView>> List();

    /// <summary>Delivers again, in order, every entry of the subscription's kinds after <paramref name="afterSequence"/>.</summary>
    Task<WebhookResult> Replay(Guid webhookId, long afterSequence, Actor actor);

    Task<WebhookResult> Delete(Guid webhookId, Actor actor);

    /// <summary>The delivery log, newest first, before the delivery id <paramref name="beforeId"/> when given.</summary>
    Task<WebhookDeliveriesResult> Deliveries(Guid webhookId, long? beforeId, int first);
}
