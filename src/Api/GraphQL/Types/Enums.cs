using GraphQL.Types;
using Pointspot.Grains.Interfaces.Merchants;
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
        Description = "What changed the points.";
        Add("EARN", LedgerEntryKind.Earn, "Points earned by a purchase.");
        Add("SEND", LedgerEntryKind.Send, "Points added by hand by staff.");
        Add("PULL", LedgerEntryKind.Pull, "Points removed by hand by staff.");
        Add("EXPIRE", LedgerEntryKind.Expire, "The rest of a lot that passed its expiry date; reversesEntryId names the lot's credit.");
        Add("PAY", LedgerEntryKind.Pay, "Points spent to pay for a purchase.");
        Add("REFUND", LedgerEntryKind.Refund, "Earned points taken back for a refund; reversesEntryId names the EARN entry.");
        Add("VOID", LedgerEntryKind.Void, "A cancelled sale: restores the lots of a PAY entry or takes back an EARN entry's points.");
        Add("TRANSFER_OUT", LedgerEntryKind.TransferOut, "Points sent to another member.");
        Add("TRANSFER_IN", LedgerEntryKind.TransferIn, "Points received from another member.");
        Add("IMPORT", LedgerEntryKind.Import, "Points brought in from another system's file.");
        Add("WHEEL_SPIN", LedgerEntryKind.WheelSpin, "Points spent on one spin of a wheel game.");
        Add("WHEEL_PRIZE", LedgerEntryKind.WheelPrize, "Points won on a wheel game.");
        Add("AUTOMATION", LedgerEntryKind.Automation, "Points given by an automation rule.");
        Add("REFERRAL", LedgerEntryKind.Referral, "Points given for a referral after the referred member's first purchase.");
        Add("REDEEM", LedgerEntryKind.Redeem, "Points spent on a reward, confirmed by staff at the counter; the reason names the reward.");
    }
}

public sealed class ExpiryPolicyKindType : EnumerationGraphType
{
    public ExpiryPolicyKindType()
    {
        Name = "ExpiryPolicyKind";
        Description = "When credited points expire. Days are judged in the merchant's time zone.";
        Add("NEVER", ExpiryPolicyKind.Never, "Points never expire.");
        Add("ROLLING", ExpiryPolicyKind.Rolling,
            "Each credit is valid through the same day `months` months later (the month's last day when that month is shorter).");
        Add("END_OF_MONTH", ExpiryPolicyKind.EndOfMonth,
            "Each credit is valid through the last day of the month `months` months after the credit's month; 0 is the same month.");
        Add("FIXED_DATE", ExpiryPolicyKind.FixedDate,
            "Each credit is valid through the next `month`/`day` on or after the day it was credited.");
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
