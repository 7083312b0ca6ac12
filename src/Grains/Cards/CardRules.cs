using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Cards;

namespace Pointspot.Grains.Cards;

/// <summary>Checks a card program and applies a tier's earn multiplier.</summary>
public static class CardRules
{
    public const int MaxTiers = 3;
    public const int MaxNameLength = 50;
    public const int MaxBenefitsLength = 1000;
    public const decimal MaxMultiplier = 10.00m;
    public const int MaxWarningDays = 365;

    /// <summary>Returns the points of an earn in <paramref name="tier"/>: base points times the multiplier, rounded down.</summary>
    public static long ApplyMultiplier(long basePoints, CardTier? tier)
    {
        if (tier is null || tier.EarnMultiplier == 1.00m || basePoints <= 0)
        {
            return basePoints;
        }

        decimal multiplied = decimal.Floor(basePoints * tier.EarnMultiplier);
        return multiplied >= long.MaxValue ? long.MaxValue : (long)multiplied;
    }

    /// <summary>Returns the first problem of <paramref name="program"/>, or null when it is valid.</summary>
    public static PointspotError? Check(CardProgram program)
    {
        if (!Enum.IsDefined(program.Basis))
        {
            return Invalid($"Card basis {program.Basis} is unknown: use LIFETIME_POINTS or LIFETIME_SPEND.");
        }

        if (program.Tiers.Count > MaxTiers)
        {
            return Invalid($"The card has {program.Tiers.Count} tiers, more than the {MaxTiers} allowed: remove tiers.");
        }

        for (int i = 0; i < program.Tiers.Count; i++)
        {
            var tier = program.Tiers[i];
            if (CheckTier(tier, program.Basis, i + 1) is { } invalid)
            {
                return invalid;
            }

            if (i > 0 && tier.Threshold <= program.Tiers[i - 1].Threshold)
            {
                return Invalid($"Tier {i + 1} (\"{tier.Name}\") has threshold {tier.Threshold}, not above tier {i}'s "
                    + $"{program.Tiers[i - 1].Threshold}: list tiers from the lowest threshold up.");
            }

            if (i > 0 && tier.EarnMultiplier < program.Tiers[i - 1].EarnMultiplier)
            {
                return Invalid($"Tier {i + 1} (\"{tier.Name}\") has earn multiplier {tier.EarnMultiplier}, below tier {i}'s "
                    + $"{program.Tiers[i - 1].EarnMultiplier}: a higher tier must not earn less.");
            }
        }

        if (program.DowngradeWarningDays is < 0 or > MaxWarningDays)
        {
            return Invalid($"Downgrade warning of {program.DowngradeWarningDays} days is out of range: give 0 to "
                + $"{MaxWarningDays} days before 1 January.");
        }

        var names = program.Tiers.Select(tier => tier.Name.Trim()).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
        {
            return Invalid("Two tiers have the same name: give each tier its own name.");
        }

        return null;
    }

    private static PointspotError? CheckTier(CardTier tier, CardBasis basis, int level)
    {
        string name = tier.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            return Invalid($"Tier {level} has name \"{tier.Name}\": give a name of 1 to {MaxNameLength} characters.");
        }

        if (!IsColour(tier.Colour))
        {
            return Invalid($"Tier \"{name}\" has colour \"{tier.Colour}\": give a colour as #RRGGBB, for example #C0A060.");
        }

        if (tier.Threshold <= 0)
        {
            return Invalid($"Tier \"{name}\" has threshold {tier.Threshold}: give a threshold above 0.");
        }

        if (basis == CardBasis.LifetimePoints && tier.Threshold != decimal.Truncate(tier.Threshold))
        {
            return Invalid($"Tier \"{name}\" has threshold {tier.Threshold} on LIFETIME_POINTS: points are whole numbers, "
                + "give a whole threshold.");
        }

        if (basis == CardBasis.LifetimeSpend && decimal.Round(tier.Threshold, 2) != tier.Threshold)
        {
            return Invalid($"Tier \"{name}\" has threshold {tier.Threshold}: money has at most 2 decimal places.");
        }

        if (tier.EarnMultiplier < 1.00m || tier.EarnMultiplier > MaxMultiplier
            || decimal.Round(tier.EarnMultiplier, 2) != tier.EarnMultiplier)
        {
            return Invalid($"Tier \"{name}\" has earn multiplier {tier.EarnMultiplier}: give 1.00 to {MaxMultiplier:0.00} "
                + "with at most 2 decimal places (1.00 keeps the points of the earn rule).");
        }

        if (tier.Benefits.Length > MaxBenefitsLength)
        {
            return Invalid($"Tier \"{name}\" has {tier.Benefits.Length} characters of benefits: keep them to {MaxBenefitsLength}.");
        }

        return null;
    }

    private static bool IsColour(string colour) =>
        colour.Length == 7 && colour[0] == '#' && colour.Skip(1).All(char.IsAsciiHexDigit);

    private static PointspotError Invalid(string message) => new(ErrorCodes.InvalidCardProgram, message);
}
