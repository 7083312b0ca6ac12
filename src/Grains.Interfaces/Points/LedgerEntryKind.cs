namespace Pointspot.Grains.Interfaces.Points;

/// <summary>What changed a member's points. Stored by name in the ledger's <c>kind</c> column.</summary>
public enum LedgerEntryKind
{
    /// <summary>Points earned by a purchase under the merchant's earn rule.</summary>
    Earn = 1,

    /// <summary>Points added by hand by staff, with a reason.</summary>
    Send = 2,

    /// <summary>Points removed by hand by staff, with a reason.</summary>
    Pull = 3,

    /// <summary>The rest of a lot that passed its expiry date; names the lot's credit entry.</summary>
    Expire = 4,

    /// <summary>Points spent to pay for a purchase.</summary>
    Pay = 5,

    /// <summary>Earned points taken back for a refunded part of a purchase; names the earn entry.</summary>
    Refund = 6,

    /// <summary>
    /// A cancelled sale: restores the lots a payment used (positive) or takes back what the sale
    /// earned (negative); names the entry it reverses.
    /// </summary>
    Void = 7,

    /// <summary>Points sent to another member of the same merchant.</summary>
    TransferOut = 8,

    /// <summary>Points received from another member of the same merchant.</summary>
    TransferIn = 9,

    /// <summary>Points brought in from a file of another system.</summary>
    Import = 10,

    /// <summary>Points spent on one spin of a wheel game; the reason names the game.</summary>
    WheelSpin = 11,

    /// <summary>Points won on a wheel game; the reason names the prize.</summary>
    WheelPrize = 12,

    /// <summary>Points given by an automation rule; the idempotency key names the rule and occasion.</summary>
    Automation = 13,

    /// <summary>Points given to the referrer or the referee of a referral after the referee's first purchase.</summary>
    Referral = 14,

    /// <summary>Points spent on a reward at the counter; the reason names the reward.</summary>
    Redeem = 15,
}

public static class LedgerEntryKinds
{
    public static string ToDatabase(this LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Earn => "EARN",
        LedgerEntryKind.Send => "SEND",
        LedgerEntryKind.Pull => "PULL",
        LedgerEntryKind.Expire => "EXPIRE",
        LedgerEntryKind.Pay => "PAY",
        LedgerEntryKind.Refund => "REFUND",
        LedgerEntryKind.Void => "VOID",
        LedgerEntryKind.TransferOut => "TRANSFER_OUT",
        LedgerEntryKind.TransferIn => "TRANSFER_IN",
        LedgerEntryKind.Import => "IMPORT",
        LedgerEntryKind.WheelSpin => "WHEEL_SPIN",
        LedgerEntryKind.WheelPrize => "WHEEL_PRIZE",
        LedgerEntryKind.Automation => "AUTOMATION",
        LedgerEntryKind.Referral => "REFERRAL",
        LedgerEntryKind.Redeem => "REDEEM",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ledger entry kind."),
    };

    public static LedgerEntryKind FromDatabase(string value) => value switch
    {
        "EARN" => LedgerEntryKind.Earn,
        "SEND" => LedgerEntryKind.Send,
        "PULL" => LedgerEntryKind.Pull,
        "EXPIRE" => LedgerEntryKind.Expire,
        "PAY" => LedgerEntryKind.Pay,
        "REFUND" => LedgerEntryKind.Refund,
        "VOID" => LedgerEntryKind.Void,
        "TRANSFER_OUT" => LedgerEntryKind.TransferOut,
        "TRANSFER_IN" => LedgerEntryKind.TransferIn,
        "IMPORT" => LedgerEntryKind.Import,
        "WHEEL_SPIN" => LedgerEntryKind.WheelSpin,
        "WHEEL_PRIZE" => LedgerEntryKind.WheelPrize,
        "AUTOMATION" => LedgerEntryKind.Automation,
        "REFERRAL" => LedgerEntryKind.Referral,
        "REDEEM" => LedgerEntryKind.Redeem,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown ledger entry kind."),
    };

    /// <summary>True for the kinds whose positive entries open a lot that debits spend from.</summary>
    public static bool OpensLot(this LedgerEntryKind kind) =>
        kind is LedgerEntryKind.Earn or LedgerEntryKind.Send or LedgerEntryKind.TransferIn or LedgerEntryKind.Import
            or LedgerEntryKind.WheelPrize or LedgerEntryKind.Automation or LedgerEntryKind.Referral;
}
