using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL.Types;

public sealed class AuditLogConnectionType : ObjectGraphType<AuditPage>
{
    public AuditLogConnectionType()
    {
        Name = "AuditLogConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditLogEdgeType>>>>("edges").Description("The entries of this page, newest first.").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<AuditPageInfoType>>("pageInfo").Description("Whether older entries follow, and the cursor to ask for them.").Resolve(c => c.Source);
    }
}

public sealed class AuditPageInfoType : ObjectGraphType<AuditPage>
{
    public AuditPageInfoType()
    {
        Name = "AuditPageInfo";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage").Description("Whether older entries follow.").Resolve(c => c.Source.HasNextPage);
        Field<StringGraphType>("endCursor").Description("The cursor of the last entry, for after; null on an empty page.")
            .Resolve(c => c.Source.Entries.Count == 0 ? null : Cursor.Encode(c.Source.Entries[^1].Id));
    }
}

public sealed class AuditLogEdgeType : ObjectGraphType<AuditRecord>
{
    public AuditLogEdgeType()
    {
        Name = "AuditLogEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("The entry's cursor, for after.").Resolve(c => Cursor.Encode(c.Source.Id));
        Field<NonNullGraphType<AuditLogEntryType>>("node").Description("The entry.").Resolve(c => c.Source);
    }
}

public sealed class AuditLogEntryType : ObjectGraphType<AuditRecord>
{
    public AuditLogEntryType()
    {
        Name = "AuditLogEntry";
        Description = "One change of points or settings by staff or an API key.";
        Field<NonNullGraphType<StringGraphType>>("actorKind").Description("staff or api-key.").Resolve(c => AuditEntry.KindName(c.Source.Entry.ActorKind));
        Field<NonNullGraphType<IdGraphType>>("actorId").Description("The staff member's id or the API key's id.").Resolve(c => c.Source.Entry.ActorId.ToString());
        Field<NonNullGraphType<StringGraphType>>("role").Description("The staff role or the key's scope at the time.").Resolve(c => c.Source.Entry.Role);
        Field<NonNullGraphType<StringGraphType>>("action").Description("The operation, such as collectPoints or setEarnRule.").Resolve(c => c.Source.Entry.Action);
        Field<StringGraphType>("target").Description("What the operation changed, such as a phone number, a receipt or an id; null when it names none.").Resolve(c => c.Source.Entry.Target);
        Field<NonNullGraphType<StringGraphType>>("details").Description("The operation's arguments as a JSON object, with passwords and tokens removed.").Resolve(c => c.Source.Entry.Details);
        Field<StringGraphType>("remoteAddress").Description("The IP address the request came from, as the server saw it.").Resolve(c => c.Source.Entry.RemoteAddress);
        Field<NonNullGraphType<DateTimeScalar>>("occurredAt").Description("When the entry was committed.").Resolve(c => c.Source.OccurredAt);
    }
}
