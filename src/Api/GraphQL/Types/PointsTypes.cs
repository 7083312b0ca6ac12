using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

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
        Field<DecimalScalar>("amount").Description("The purchase amount for EARN entries; null otherwise.").Resolve(c => c.Source.Amount);
        Field<StringGraphType>("receiptNumber").Description("The receipt that earned the points; null for entries without a purchase.").Resolve(c => c.Source.ReceiptNumber);
        Field<StringGraphType>("reason").Description("Why staff sent or pulled the points.").Resolve(c => c.Source.Reason);
        Field<NonNullGraphType<DateTimeScalar>>("occurredAt").Description("When it happened on the shop's clock, in the merchant's time zone.").Resolve(c => c.Source.OccurredAt);
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Description("When the ledger committed it.").Resolve(c => c.Source.RecordedAt);
        Field<NonNullGraphType<LongGraphType>>("balanceAfter").Description("The member's balance right after this entry.").Resolve(c => c.Source.BalanceAfter);
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
        Field<NonNullGraphType<LongGraphType>>("balance").Description("Points available to spend.").Resolve(c => c.Source.Balance);
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
