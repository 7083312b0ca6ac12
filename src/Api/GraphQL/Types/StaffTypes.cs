using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL.Types;

public sealed class StaffMemberType : ObjectGraphType<StaffView>
{
    public StaffMemberType()
    {
        Name = "StaffMember";
        Description = "A member of the merchant's staff.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The staff member's id, for removeStaff.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("email").Description("The e-mail address they sign in with.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("role").Description("owner, admin or cashier.").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the account was created.").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("removedAt").Description("When the owner removed the account; null while it works.").Resolve(c => c.Source.RemovedAt);
    }
}

public sealed class StaffInvitationType : ObjectGraphType<InvitationView>
{
    public StaffInvitationType()
    {
        Name = "StaffInvitation";
        Description = "An invitation of an admin or a cashier. Its token is shown only when it is created.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The invitation's id.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("email").Description("The address the account will sign in with.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>>("role").Description("admin or cashier.").Resolve(c => c.Source.Role);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the owner created the invitation.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeScalar>>("expiresAt").Description("When the token stops being accepted.").Resolve(c => c.Source.ExpiresAt);
        Field<DateTimeScalar>("acceptedAt").Description("When the invitation was accepted; null until then.").Resolve(c => c.Source.AcceptedAt);
    }
}

public sealed class InviteStaffPayloadType : ObjectGraphType<InviteStaffResult>
{
    public InviteStaffPayloadType()
    {
        Name = "InviteStaffPayload";
        Field<NonNullGraphType<StaffInvitationType>>("invitation").Description("The new invitation.").Resolve(c => c.Source.Invitation);
        Field<NonNullGraphType<StringGraphType>>("token")
            .Description("The one-time token for acceptInvitation, shown this once and stored only as a hash. "
                + "Pointspot sends no e-mail: hand it to the invited person yourself.")
            .Resolve(c => c.Source.Token);
    }
}

public sealed class InviteStaffInput
{
    public string Email { get; set; } = "";
    public string Role { get; set; } = "";
}

public sealed class InviteStaffInputType : InputObjectGraphType<InviteStaffInput>
{
    public InviteStaffInputType()
    {
        Name = "InviteStaffInput";
        Field(x => x.Email, type: typeof(NonNullGraphType<StringGraphType>)).Description("The e-mail address the new account will sign in with.");
        Field(x => x.Role, type: typeof(NonNullGraphType<StringGraphType>)).Description("admin or cashier.");
    }
}

public sealed class AcceptInvitationInput
{
    public string Token { get; set; } = "";
    public string Password { get; set; } = "";
}

public sealed class AcceptInvitationInputType : InputObjectGraphType<AcceptInvitationInput>
{
    public AcceptInvitationInputType()
    {
        Name = "AcceptInvitationInput";
        Field(x => x.Token, type: typeof(NonNullGraphType<StringGraphType>)).Description("The invitation's one-time token from inviteStaff.");
        Field(x => x.Password, type: typeof(NonNullGraphType<StringGraphType>)).Description("The new account's password, 10 to 128 characters.");
    }
}
