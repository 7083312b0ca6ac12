using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Api.Live;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Api.GraphQL;

/// <summary>The GraphQL subscriptions of partners, served over WebSocket at /graphql.</summary>
public static class LiveFields
{
    public static void AddSubscriptions(ObjectGraphType subscription)
    {
        subscription.Field<NonNullGraphType<LedgerEventType>>("ledgerEntries")
            .Description("Every ledger entry of the caller's merchant after afterSequence, in sequence order: first those "
                + "already committed, then new ones as they commit. A partner that reconnects with the last sequence it "
                + "received misses nothing and receives nothing twice. Partner API keys and the owner.")
            .Argument<LongGraphType>("afterSequence",
                "The last sequence received; 0 starts from the first entry. Without it, only entries committed from now on.")
            .ResolveStreamAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("ledgerEntries");
                long? after = c.GetArgument<long?>("afterSequence");
                if (after < 0)
                {
                    throw new ExecutionError(
                        $"afterSequence {after} is negative: pass 0 to start from the first entry, or the last sequence received.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var feed = c.RequestServices!.GetRequiredService<ILedgerFeed>();
                return (IObservable<object?>)new AsyncEnumerableObservable<LedgerEvent>(token =>
                    LedgerEventStream.ReadAsync(feed, caller.MerchantId, after, _ => true, token));
            });

        subscription.Field<NonNullGraphType<LedgerEventType>>("pointsChanged")
            .Description("The member's ledger entries as they commit, from now on. Partner API keys and the owner.")
            .Argument<NonNullGraphType<StringGraphType>>("phone", "A Thai mobile number in any common form, such as 081-234-5678.")
            .ResolveStreamAsync(async c =>
            {
                var caller = await c.Request().RequirePartnerAsync("pointsChanged");
                string phone = QueryType.ParsePhone(c.GetArgument<string>("phone")).E164;
                var feed = c.RequestServices!.GetRequiredService<ILedgerFeed>();
                return (IObservable<object?>)new AsyncEnumerableObservable<LedgerEvent>(token =>
                    LedgerEventStream.ReadAsync(feed, caller.MerchantId, null, e => e.Phone == phone, token));
            });
    }
}
