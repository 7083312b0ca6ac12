namespace Pointspot.Grains.Interfaces.Access;

/// <summary>The roles of merchant staff, as stored in staff_account.role.</summary>
public static class StaffRoles
{
    /// <summary>The merchant's owner: every operation.</summary>
    public const string Owner = "owner";

    /// <summary>Every operation but API keys, staff, the audit log and the cashiers' limit.</summary>
    public const string Admin = "admin";

    /// <summary>The counter: collect, redeem, look up members, and manual points up to the owner's limit.</summary>
    public const string Cashier = "cashier";

    /// <summary>The roles an owner may invite.</summary>
    public static readonly IReadOnlyList<string> Invitable = [Admin, Cashier];
}

/// <summary>The scopes of API keys, as stored in api_key.scope.</summary>
public static class ApiKeyScopes
{
    /// <summary>A POS device: collect, redeem and look up members.</summary>
    public const string Pos = "pos";

    /// <summary>A partner: read data and subscribe to events; no changes.</summary>
    public const string Partner = "partner";

    /// <summary>A back-office integration: what an admin may do.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Pos, Partner, Admin];
}
