using GraphQL.Types;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Api.GraphQL.Types;

public sealed class MemberStatusType : EnumerationGraphType
{
    public MemberStatusType()
    {
        Name = "MemberStatus";
        Add("PENDING_SIGN_UP", MemberStatus.PendingSignUp, "Created by a first earn; the member has not signed up yet.");
        Add("REGISTERED", MemberStatus.Registered, "The member has given a name and signed up.");
    }
}

public sealed class LedgerEntryKindType : EnumerationGraphType
{
    public LedgerEntryKindType()
    {
        Name = "LedgerEntryKind";
        Description = "What changed the points. Later features add kinds (REDEEM, EXPIRE, REFUND, TRANSFER_IN, ...).";
        Add("EARN", LedgerEntryKind.Earn, "Points earned by a purchase.");
        Add("SEND", LedgerEntryKind.Send, "Points added by hand by staff.");
        Add("PULL", LedgerEntryKind.Pull, "Points removed by hand by staff.");
        Add("IMPORT", LedgerEntryKind.Import, "Points credited by an imported member or points file.");
    }
}

public sealed class GenderType : EnumerationGraphType
{
    public GenderType()
    {
        Name = "Gender";
        Add("UNSPECIFIED", Gender.Unspecified);
        Add("FEMALE", Gender.Female);
        Add("MALE", Gender.Male);
        Add("OTHER", Gender.Other);
    }
}
