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

    /// <summary>Points credited by a member or points file imported by the merchant.</summary>
    Import = 10,
}

public static class LedgerEntryKinds
{
    public static string ToDatabase(this LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Earn => "EARN",
        LedgerEntryKind.Send => "SEND",
        LedgerEntryKind.Pull => "PULL",
        LedgerEntryKind.Import => "IMPORT",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown ledger entry kind."),
    };

    public static LedgerEntryKind FromDatabase(string value) => value switch
    {
        "EARN" => LedgerEntryKind.Earn,
        "SEND" => LedgerEntryKind.Send,
        "PULL" => LedgerEntryKind.Pull,
        "IMPORT" => LedgerEntryKind.Import,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown ledger entry kind."),
    };
}
