using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Imports;

/// <summary>
/// One data row of an import after checking: either an <see cref="Error"/>, or what to write. A
/// member row has a <see cref="Profile"/>; a points row has a <see cref="Reason"/>.
/// </summary>
public sealed record ImportRow(
    int Number,
    PhoneNumber Phone,
    MemberProfile? Profile,
    IReadOnlyList<string> Labels,
    long Points,
    string? Reason,
    string? IdempotencyKey,
    string? Error)
{
    public static ImportRow Invalid(int number, string error) => new(number, default, null, [], 0, null, null, error);
}
