using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Interfaces.Transfers;

namespace Pointspot.Api.GraphQL.Types;

public sealed class LedgerEntryType : ObjectGraphType<LedgerEntryView>
{
    public LedgerEntryType()
    {
        Name = "LedgerEntry";
        Description = "One committed row of the points ledger.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entry's id, unique across the server.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("The entry's number among the member's entries, from 1.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<LedgerEntryKindType>>("kind").Description("What changed the points: a purchase, a manual send or pull, and so on.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<LongGraphType>>("points").Description("Points added (positive) or removed (negative).").Resolve(c => c.Source.Points);
        Field<DecimalScalar>("amount").Description("EARN: the purchase amount; PAY: the money the points paid; REFUND: the refunded amount; null otherwise.").Resolve(c => c.Source.Amount);
        Field<StringGraphType>("receiptNumber").Description("The receipt of the purchase; null for entries without one.").Resolve(c => c.Source.ReceiptNumber);
        Field<StringGraphType>("reason").Description("Why staff sent or pulled the points.").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeScalar>>("occurredAt").Description("When it happened on the shop's clock, in the merchant's time zone.").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Description("When the ledger committed it.").Resolve(c => c.Source.RecordedAt);
        Field<NonNullGraphType<LongGraphType>>("balanceAfter").Description("The member's balance right after this entry.").Resolve(c => c.Source.BalanceAfter);
        Field<DateGraphType>("expiresOn")
            .Description("For a credit: the last day, in the merchant's time zone, that its points can be spent; null when they never expire.")
            .Resolve(c => c.Source.ExpiresOn?.ToDateTime(TimeOnly.MinValue));
        Field<DecimalScalar>("pointValue")
            .Description("For PAY: the money value of one point at the time of the payment; null otherwise.")
            .Resolve(c => c.Source.PointValue);
        Field<LongGraphType>("shortfallPoints")
            .Description("For REFUND and VOID: points that were due back but exceeded the member's balance; null otherwise.")
            .Resolve(c => c.Source.ShortfallPoints);
        Field<IdGraphType>("reversesEntryId")
            .Description("For EXPIRE, REFUND and VOID: the id of the entry this one reverses; null otherwise.")
            .Resolve(c => c.Source.ReversesEntryId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class ExpiringPointsType : ObjectGraphType<ExpiringPointsView>
{
    public ExpiringPointsType()
    {
        Name = "ExpiringPoints";
        Description = "Points of a member that expire together.";
        Field<NonNullGraphType<LongGraphType>>("points").Description("Unspent points that expire at the end of expiresOn.").Resolve(c => c.Source.Points);
        Field<NonNullGraphType<DateGraphType>>("expiresOn")
            .Description("The last day, in the merchant's time zone, that the points can be spent.")
            .Resolve(c => c.Source.ExpiresOn.ToDateTime(TimeOnly.MinValue));
    }
}

public sealed class MemberType : ObjectGraphType<MemberView>
{
    public const int MaxPageSize = 100;

    public MemberType()
    {
        Name = "Member";
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The phone number in E.164 form, e.g. +66812345678.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<MemberStatusType>>("status").Description("PENDING_SIGN_UP after a first purchase; REGISTERED once the member signed up.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<LongGraphType>>("balance").Description("Points on the member's ledger. An expired lot counts until its EXPIRE entry is written (within the merchant's expiry period) but can never be spent.").Resolve(c => c.Source.Balance);
        Field<NonNullGraphType<LongGraphType>>("lifetimePoints").Description("All points ever added; spending does not lower it.").Resolve(c => c.Source.LifetimePoints);
        Field<StringGraphType>("name").Description("The name given at sign-up; null before.").Resolve(c => c.Source.Profile?.Name);
        Field<DateOnlyGraphType>("birthDate").Description("The birth date given at sign-up (YYYY-MM-DD); null when not given.").Resolve(c => c.Source.Profile?.BirthDate);
        Field<GenderType>("gender").Description("The gender given at sign-up; null when not given.").Resolve(c => c.Source.Profile?.Gender);
        Field<NonNullGraphType<BooleanGraphType>>("marketingConsent").Description("Whether the member agreed to marketing messages.").Resolve(c => c.Source.Profile?.MarketingConsent ?? false);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the member was first seen, in the merchant's time zone.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<LedgerEntryConnectionType>>("history")
            .Description("The member's ledger entries, newest first.")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 20;
                a.Description = "Entries per page, 0 to 100.";
            })
            .Argument<StringGraphType>("after", "The endCursor of the previous page; omit for the newest entries.")
            .ResolveAsync(async c => await ResolveHistoryAsync(c));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ExpiringPointsType>>>>("expiringPoints")
            .Description("Unspent points that will expire, one item per expiry date, soonest first. Points that never expire are not listed.")
            .ResolveAsync(async c => await (await MemberGrainAsync(c)).GetExpiringPoints());
    }

    private static async Task<IMemberGrain> MemberGrainAsync(IResolveFieldContext<MemberView> context)
    {
        var caller = await context.Request().RequireCallerAsync();
        return context.Request().Grains.GetGrain<IMemberGrain>(
            MemberKey.For(caller.MerchantId, PhoneNumber.FromE164(context.Source.Phone)));
    }

    private static async Task<object?> ResolveHistoryAsync(IResolveFieldContext<MemberView> context)
    {
        int first = context.GetArgument("first", 20);
        if (first < 0 || first > MaxPageSize)
        {
            throw new ExecutionError($"first {first} is out of range: ask for 0 to {MaxPageSize} entries.") { Code = ErrorCodes.InvalidInput };
        }

        long? before = Cursor.Decode(context.GetArgument<string?>("after"));
        var caller = await context.Request().RequireCallerAsync();
        var phone = PhoneNumber.FromE164(context.Source.Phone);
        var grain = context.Request().Grains.GetGrain<IMemberGrain>(MemberKey.For(caller.MerchantId, phone));
        return await grain.GetHistory(first, before);
    }
}

public sealed class LedgerEntryConnectionType : ObjectGraphType<HistoryPage>
{
    public LedgerEntryConnectionType()
    {
        Name = "LedgerEntryConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LedgerEntryEdgeType>>>>("edges").Description("The entries of this page, newest first.").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Whether more entries follow, and the cursor to ask for them.").Resolve(c => c.Source);
    }
}

public sealed class LedgerEntryEdgeType : ObjectGraphType<LedgerEntryView>
{
    public LedgerEntryEdgeType()
    {
        Name = "LedgerEntryEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as history(after:) to read the entries older than this one.").Resolve(c => Cursor.Encode(c.Source.Sequence));
        Field<NonNullGraphType<LedgerEntryType>>("node").Description("The ledger entry.").Resolve(c => c.Source);
    }
}

public sealed class PageInfoType : ObjectGraphType<HistoryPage>
{
    public PageInfoType()
    {
        Name = "PageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("True when older entries follow this page.").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("The cursor of the last entry of the page; null for an empty page.").Resolve(c => c.Source.Entries.Count == 0 ? null : Cursor.Encode(c.Source.Entries[^1].Sequence));
    }
}

public sealed class PointsChangePayloadType : ObjectGraphType<PointsChangeResult>
{
    public PointsChangePayloadType()
    {
        Name = "PointsChangePayload";
        Field<NonNullGraphType<LedgerEntryType>>("entry").Description("The ledger entry that the mutation wrote, or the first one when replayed.").Resolve(c => c.Source.Entry);
        Field<NonNullGraphType<MemberType>>("member").Description("The member as it is after the change.").Resolve(c => c.Source.Member);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when the idempotency key was used before: the first result is returned and nothing changed.")
            .Resolve(c => c.Source.Replayed);
    }
}

public sealed class VoidPurchasePayloadType : ObjectGraphType<VoidResult>
{
    public VoidPurchasePayloadType()
    {
        Name = "VoidPurchasePayload";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LedgerEntryType>>>>("entries")
            .Description("The VOID entries: the one restoring the payment's lots first, then the one taking back the earned points.")
            .Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<MemberType>>("member").Description("The member after the void.").Resolve(c => c.Source.Member);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when the idempotency key was used before: the first result is returned and nothing changed.")
            .Resolve(c => c.Source.Replayed);
    }
}

public sealed class TransferPayloadType : ObjectGraphType<TransferResult>
{
    public TransferPayloadType()
    {
        Name = "TransferPayload";
        Field<NonNullGraphType<TransferStatusType>>("status").Description("COMPLETED once both entries are written.").Resolve(c => c.Source.Status);
        Field<LedgerEntryType>("debit").Description("The sender's TRANSFER_OUT entry.").Resolve(c => c.Source.Debit);
        Field<LedgerEntryType>("credit").Description("The receiver's TRANSFER_IN entry.").Resolve(c => c.Source.Credit);
        Field<MemberType>("from").Description("The sender after the transfer.").Resolve(c => c.Source.From);
        Field<MemberType>("to").Description("The receiver after the transfer.").Resolve(c => c.Source.To);
        Field<NonNullGraphType<BooleanGraphType>>("replayed")
            .Description("True when the idempotency key was used before: the first transfer is returned and nothing moved again.")
            .Resolve(c => c.Source.Replayed);
    }
}

public sealed class TransferStatusType : EnumerationGraphType
{
    public TransferStatusType()
    {
        Name = "TransferStatus";
        Add("PENDING", TransferStatus.Pending, "Recorded and not finished; it finishes by itself, or retry with the same key.");
        Add("COMPLETED", TransferStatus.Completed, "The sender was debited and the receiver credited.");
        Add("REJECTED", TransferStatus.Rejected, "Nothing moved.");
    }
}

public sealed class PointsSummaryType : ObjectGraphType<PointsSummary>
{
    public PointsSummaryType()
    {
        Name = "PointsSummary";
        Description = "Totals of the merchant's ledger. ledgerPoints equals memberBalances when the ledger reconciles.";
        Field<NonNullGraphType<LongGraphType>>("members").Description("Members the merchant has, pending sign-ups included.").Resolve(c => c.Source.Members);
        Field<NonNullGraphType<LongGraphType>>("entries").Description("Ledger entries the merchant has.").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<LongGraphType>>("ledgerPoints").Description("The sum of the points of every ledger entry.").Resolve(c => c.Source.LedgerPoints);
        Field<NonNullGraphType<LongGraphType>>("memberBalances").Description("The sum of each member's latest balanceAfter.").Resolve(c => c.Source.MemberBalances);
    }
}

/// <summary>History cursors: the entry's sequence number, base64-encoded so clients treat it as opaque.</summary>
public static class Cursor
{
    public static string Encode(long sequence) => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes("seq:" + sequence));

    public static long? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            string text = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(cursor));
            if (text.StartsWith("seq:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(4), out long sequence) && sequence > 0)
            {
                return sequence;
            }
        }
        catch (FormatException)
        {
        }

        string shown = cursor.Length > 40 ? cursor[..40] + "..." : cursor;
        throw new ExecutionError($"after \"{shown}\" is not a cursor: pass an endCursor or cursor value from an earlier page.") { Code = ErrorCodes.InvalidInput };
    }
}
