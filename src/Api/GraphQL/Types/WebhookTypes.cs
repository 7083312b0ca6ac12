using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Webhooks;

namespace Pointspot.Api.GraphQL.Types;

public sealed class WebhookType : ObjectGraphType<WebhookView>
{
    public WebhookType()
    {
        Name = "Webhook";
        Description = "A partner's subscription to ledger entries, delivered by signed HTTP POST requests.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The subscription's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("url").Description("Where the entries are posted.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LedgerEntryKindType>>>>("eventKinds")
            .Description("The kinds of ledger entries delivered.").Resolve(c => c.Source.EventKinds);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the subscription was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<LongGraphType>>("deliveredThrough")
            .Description("Every entry up to this sequence is delivered, abandoned after a day of failures, or of another kind.")
            .Resolve(c => c.Source.DeliveredThrough);
        Field<NonNullGraphType<IntGraphType>>("failedAttempts")
            .Description("Failed attempts at the next entry; 0 when the last attempt succeeded.").Resolve(c => c.Source.FailedAttempts);
        Field<DateTimeScalar>("failingSince").Description("When the next entry first failed; null when nothing fails.").Resolve(c => c.Source.FailingSince);
        Field<NonNullGraphType<DateTimeScalar>>("nextAttemptAt").Description("When the next delivery may start.").Resolve(c => c.Source.NextAttemptAt);
    }
}

public sealed class CreateWebhookPayloadType : ObjectGraphType<WebhookCreated>
{
    public CreateWebhookPayloadType()
    {
        Name = "CreateWebhookPayload";
        Description = "A new webhook and the secret that signs its deliveries.";
        Field<NonNullGraphType<WebhookType>>("webhook").Description("The new subscription.").Resolve(c => c.Source.Webhook);
        Field<NonNullGraphType<StringGraphType>>("secret")
            .Description("The HMAC-SHA256 key of the Pointspot-Signature header. Shown only now: store it.")
            .Resolve(c => c.Source.Secret);
    }
}

public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDeliveryView>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One attempt to post one ledger entry to a webhook.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The attempt's id; pass it as before to page back.")
            .Resolve(c => c.Source.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("The sequence of the entry posted.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<IntGraphType>>("attempt").Description("1 for the first attempt at this entry, 2 for the first retry, and so on.").Resolve(c => c.Source.Attempt);
        Field<NonNullGraphType<StringGraphType>>("outcome")
            .Description("DELIVERED (a 2xx answer), FAILED (retried later) or ABANDONED (failed for the whole retry period).")
            .Resolve(c => c.Source.Outcome);
        Field<IntGraphType>("statusCode").Description("The receiver's HTTP status; null when no answer came.").Resolve(c => c.Source.StatusCode);
        Field<StringGraphType>("error").Description("Why the attempt failed; null when it succeeded.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<DateTimeScalar>>("attemptedAt").Description("When the request was sent.").Resolve(c => c.Source.AttemptedAt);
        Field<NonNullGraphType<IntGraphType>>("durationMs").Description("How long the request took, in milliseconds.").Resolve(c => c.Source.DurationMilliseconds);
    }
}

public sealed class CreateWebhookInputType : InputObjectGraphType<CreateWebhookInput>
{
    public CreateWebhookInputType()
    {
        Name = "CreateWebhookInput";
        Description = "Where to post ledger entries, and which.";
        Field<NonNullGraphType<StringGraphType>>("url").Description("An absolute http or https URL.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LedgerEntryKindType>>>>("eventKinds")
            .Description("The kinds of ledger entries to post, such as EARN and PAY.");
        Field<LongGraphType>("afterSequence")
            .Description("Start after this sequence (0 for every entry so far); without it, only entries committed from now on.");
    }
}

public sealed record CreateWebhookInput(string Url, List<LedgerEntryKind> EventKinds, long? AfterSequence);
