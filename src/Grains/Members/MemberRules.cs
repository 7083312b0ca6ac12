using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;

namespace Pointspot.Grains.Members;

public static class MemberRules
{
    public const int MaxNameLength = 100;

    public static PointspotError? CheckProfile(MemberProfile profile, DateOnly today)
    {
        var invalidName = PointsRules.CheckText("name", profile.Name, MaxNameLength);
        if (invalidName is not null)
        {
            return invalidName;
        }

        if (profile.BirthDate is { } birthDate && (birthDate > today || birthDate.Year < 1900))
        {
            return new PointspotError(ErrorCodes.InvalidInput,
                $"birthDate {birthDate:yyyy-MM-dd} is not a plausible date of birth: send a date between "
                + $"1900-01-01 and today ({today:yyyy-MM-dd}).");
        }

        return null;
    }
}
