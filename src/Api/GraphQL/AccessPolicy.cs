using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.GraphQL;

/// <summary>What a caller may do. Every field and endpoint names the one permission it needs.</summary>
public enum Permission
{
    /// <summary>Read the merchant, its products and a member by phone number.</summary>
    LookUp,

    /// <summary>
    /// The counter's changes: collect points for purchases, pay with points, refunds, voids,
    /// transfers, member sign-up and claims with a receipt photo.
    /// </summary>
    Counter,

    /// <summary>Read the merchant's totals and other reports.</summary>
    Read,

    /// <summary>Receive live events (GraphQL subscriptions, the dashboard hub, webhooks).</summary>
    Subscribe,

    /// <summary>Add or remove points by hand; a cashier only up to the owner's limit.</summary>
    AdjustPoints,

    /// <summary>Settings, products, claims and imports.</summary>
    Manage,

    /// <summary>API keys, staff, the cashiers' limit and the audit log.</summary>
    Own,
}

/// <summary>
/// The role matrix. Staff roles: owner (everything), admin (everything but <see cref="Permission.Own"/>),
/// cashier (the counter, look-ups and limited manual points). API key scopes: pos (the counter,
/// look-ups and totals), partner (look-ups, totals and events, no changes), admin (what an admin may do).
/// </summary>
public static class AccessPolicy
{
    public static bool Allows(Caller caller, Permission permission) => caller.Kind switch
    {
        CallerKind.Staff => caller.Role switch
        {
            StaffRoles.Owner => true,
            StaffRoles.Admin => permission != Permission.Own,
            StaffRoles.Cashier => permission is Permission.LookUp or Permission.Counter or Permission.AdjustPoints,
            _ => false,
        },
        CallerKind.ApiKey => caller.Role switch
        {
            ApiKeyScopes.Pos => permission is Permission.LookUp or Permission.Counter or Permission.Read,
            ApiKeyScopes.Partner => permission is Permission.LookUp or Permission.Read or Permission.Subscribe,
            ApiKeyScopes.Admin => permission != Permission.Own,
            _ => false,
        },
        _ => false,
    };

    /// <summary>Returns who may call an operation of a permission, for error messages and docs.</summary>
    public static string Describe(Permission permission) => permission switch
    {
        Permission.LookUp => "any staff sign-in token or API key",
        Permission.Counter => "a staff sign-in token or an API key of scope pos or admin",
        Permission.Read => "an owner or admin sign-in token, or an API key of scope pos, partner or admin",
        Permission.Subscribe => "an owner or admin sign-in token, or an API key of scope partner or admin",
        Permission.AdjustPoints => "a staff sign-in token or an API key of scope admin",
        Permission.Manage => "an owner or admin sign-in token, or an API key of scope admin",
        _ => "the merchant owner's sign-in token",
    };

    /// <summary>Describes a caller for error messages, such as "a cashier" or "an API key of scope pos".</summary>
    public static string DescribeCaller(Caller caller) => caller.Kind == CallerKind.Staff
        ? (caller.Role == StaffRoles.Admin || caller.Role == StaffRoles.Owner ? "an " : "a ") + caller.Role
        : $"an API key of scope {caller.Role}";
}
