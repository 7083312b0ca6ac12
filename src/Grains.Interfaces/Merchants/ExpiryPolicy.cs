namespace Pointspot.Grains.Interfaces.Merchants;

public enum ExpiryPolicyKind
{
    /// <summary>Points never expire.</summary>
    Never = 0,

    /// <summary>Each credit is valid through the same day <see cref="ExpiryPolicy.Months"/> months later.</summary>
    Rolling = 1,

    /// <summary>Each credit is valid through the last day of the month <see cref="ExpiryPolicy.Months"/> months later.</summary>
    EndOfMonth = 2,

    /// <summary>Each credit is valid through the next <see cref="ExpiryPolicy.Month"/>/<see cref="ExpiryPolicy.Day"/>, that day included.</summary>
    FixedDate = 3,
}

/// <summary>
/// When credited points expire. Dates are days in the merchant's time zone, and a lot valid
/// through a day can be spent until the end of that day.
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.expiry-policy")]
public sealed record ExpiryPolicy(
    [property: Id(0)] ExpiryPolicyKind Kind,
    [property: Id(1)] int Months,
    [property: Id(2)] int Month,
    [property: Id(3)] int Day)
{
    public static ExpiryPolicy Never { get; } = new(ExpiryPolicyKind.Never, 0, 0, 0);
}
