using GraphQL.Types;
using Pointspot.Grains.Interfaces.Members;

namespace Pointspot.Api.GraphQL.Types;

public sealed class MemberDataExportType : ObjectGraphType<MemberDataExport>
{
    public MemberDataExportType()
    {
        Name = "MemberDataExport";
        Description = "Everything Pointspot stores about one member, for a request under Thailand's PDPA.";
        Field<NonNullGraphType<MemberType>>("member").Description("The member's profile and points.").Resolve(c => c.Source.Member);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LedgerEntryType>>>>("entries")
            .Description("Every ledger entry of the member, oldest first.").Resolve(c => c.Source.Entries);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClaimType>>>>("claims")
            .Description("The member's claims for requested points, oldest first.").Resolve(c => c.Source.Claims);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("labels")
            .Description("The member's labels, such as those set by a member import.").Resolve(c => c.Source.Labels);
    }
}

public sealed class EraseMemberPayloadType : ObjectGraphType<MemberErasure>
{
    public EraseMemberPayloadType()
    {
        Name = "EraseMemberPayload";
        Field<NonNullGraphType<StringGraphType>>("pseudonym")
            .Description("What replaces the phone number in the member's kept rows: \"erased-\" and 32 random hex digits.")
            .Resolve(c => c.Source.Pseudonym);
        Field<NonNullGraphType<LongGraphType>>("entriesKept")
            .Description("Ledger entries kept under the pseudonym, with their points unchanged.").Resolve(c => c.Source.EntriesKept);
        Field<NonNullGraphType<IntGraphType>>("claimPhotosDeleted")
            .Description("Claims whose receipt photo was deleted.").Resolve(c => c.Source.ClaimPhotosDeleted);
    }
}

public sealed class EraseMemberInput
{
    public string Phone { get; set; } = "";
}

public sealed class EraseMemberInputType : InputObjectGraphType<EraseMemberInput>
{
    public EraseMemberInputType()
    {
        Name = "EraseMemberInput";
        Field(x => x.Phone, type: typeof(NonNullGraphType<StringGraphType>)).Description("The phone number of the member to erase, in any common Thai form.");
    }
}
