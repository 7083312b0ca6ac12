using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Live;

namespace Pointspot.Api.GraphQL.Types;

public sealed class LedgerEventType : ObjectGraphType<LedgerEvent>
{
    public LedgerEventType()
    {
        Name = "LedgerEvent";
        Description = "A committed ledger entry, as GraphQL subscriptions and webhooks deliver it.";
        Field<NonNullGraphType<LongGraphType>>("sequence")
            .Description("The entry's global sequence: resume after the last one received to miss nothing.")
            .Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member's phone number in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<LongGraphType>>("memberSequence")
            .Description("The entry's number among the member's entries, from 1; 1 means a new member.")
            .Resolve(c => c.Source.MemberSequence);
        Field<NonNullGraphType<LedgerEntryKindType>>("kind").Description("What changed the points.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<LongGraphType>>("points").Description("Points added (positive) or removed (negative).").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<LongGraphType>>("balanceAfter").Description("The member's balance right after this entry.").Resolve(c => c.Source.BalanceAfter);
        Field<DecimalScalar>("amount").Description("The money amount of the entry, where it has one.").Resolve(c => c.Source.Amount);
        Field<StringGraphType>("receiptNumber").Description("The receipt of the purchase; null for entries without one.").Resolve(c => c.Source.ReceiptNumber);
        Field<NonNullGraphType<DateTimeScalar>>("occurredAt").Description("When it happened on the shop's clock.").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Description("When the ledger committed it.").Resolve(c => c.Source.RecordedAt);
    }
}
