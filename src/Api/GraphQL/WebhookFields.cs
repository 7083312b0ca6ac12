using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces.Webhooks;

namespace Pointspot.Api.GraphQL;

/// <summary>Partners' webhook subscriptions: create, list, replay, delete, and the delivery log.</summary>
public static class WebhookFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookType>>>>("webhooks")
            .Description("The merchant's webhooks. Partner API keys and the owner.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("webhooks");
                return await Webhooks(c, caller.MerchantId).List();
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<WebhookDeliveryType>>>>("webhookDeliveries")
            .Description("The delivery log of a webhook, newest first. Partner API keys and the owner.")
            .Argument<NonNullGraphType<IdGraphType>>("webhookId", "The webhook's id, from createWebhook or the webhooks query.")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 50;
                a.Description = "How many attempts to return, 1 to 200.";
            })
            .Argument<IdGraphType>("before", "Return attempts older than this delivery id, to page back.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("webhookDeliveries");
                var id = WebhookId(c);
                string? before = c.GetArgument<string?>("before");
                long? beforeId = null;
                if (before is not null)
                {
                    beforeId = long.TryParse(before, out long parsed) ? parsed : throw new ExecutionError(
                        $"before \"{before}\" is not a delivery id: pass the id of a WebhookDelivery.")
                    { Code = Grains.Interfaces.ErrorCodes.InvalidInput };
                }

                var result = await Webhooks(c, caller.MerchantId).Deliveries(id, beforeId, c.GetArgument("first", 50));
                return Errors.OrThrow(result.Deliveries, result.Error);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateWebhookPayloadType>>("createWebhook")
            .Description("Subscribes a URL to ledger entries. Each delivery is a POST signed with the returned secret; "
                + "failures are retried with exponential backoff for 24 hours, in sequence order. Partner API keys and the owner.")
            .Argument<NonNullGraphType<CreateWebhookInputType>>("input", "The URL, the entry kinds and where to start.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("createWebhook");
                var input = c.GetArgument<CreateWebhookInput>("input");
                var result = await Webhooks(c, caller.MerchantId)
                    .Create(input.Url, input.EventKinds, input.AfterSequence, GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result, result.Error);
            });

        mutation.Field<NonNullGraphType<WebhookType>>("replayWebhook")
            .Description("Delivers again, in order, every entry of the webhook's kinds after afterSequence, and clears its failures. "
                + "Partner API keys and the owner.")
            .Argument<NonNullGraphType<IdGraphType>>("webhookId", "The webhook's id.")
            .Argument<NonNullGraphType<LongGraphType>>("afterSequence", "Deliveries restart after this sequence; 0 replays every entry.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("replayWebhook");
                var result = await Webhooks(c, caller.MerchantId)
                    .Replay(WebhookId(c), c.GetArgument<long>("afterSequence"), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Webhook, result.Error);
            });

        mutation.Field<NonNullGraphType<WebhookType>>("deleteWebhook")
            .Description("Stops a webhook; its delivery log stays. Partner API keys and the owner.")
            .Argument<NonNullGraphType<IdGraphType>>("webhookId", "The webhook's id.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("deleteWebhook");
                var result = await Webhooks(c, caller.MerchantId).Delete(WebhookId(c), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Webhook, result.Error);
            });
    }

    private static Guid WebhookId(IResolveFieldContext context) =>
        ManagerAccess.ParseId(context.GetArgument<string>("webhookId"), "a webhook", "take one from createWebhook or the webhooks query");

    private static IWebhookGrain Webhooks(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<IWebhookGrain>(merchantId);
}
