using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Cards;

namespace Pointspot.Api.GraphQL.Types;

public sealed class CardBasisType : EnumerationGraphType
{
    public CardBasisType()
    {
        Name = "CardBasis";
        Description = "What a member's tier is reached on. Spending points lowers neither.";
        Add("LIFETIME_POINTS", CardBasis.LifetimePoints, "Points credited over the member's life, less points that refunds and voids took back.");
        Add("LIFETIME_SPEND", CardBasis.LifetimeSpend, "The amounts of every purchase that earned, less refunded amounts.");
    }
}

public sealed class CardTierType : ObjectGraphType<CardTier>
{
    public CardTierType()
    {
        Name = "CardTier";
        Description = "One tier of the member card.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The tier's name, such as Gold.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("colour").Description("The card's colour as #RRGGBB.").Resolve(c => c.Source.Colour);
        Field<NonNullGraphType<DecimalScalar>>("threshold").Description("The lifetime points or spend at which the tier is reached, inclusive.").Resolve(c => c.Source.Threshold);
        Field<NonNullGraphType<DecimalScalar>>("earnMultiplier").Description("Earned points are multiplied by this and rounded down, from the earn after the one that reached the tier.").Resolve(c => c.Source.EarnMultiplier);
        Field<NonNullGraphType<StringGraphType>>("benefits").Description("What the tier gives, as the merchant writes it.").Resolve(c => c.Source.Benefits);
    }
}

public sealed class MemberCardProgramType : ObjectGraphType<CardProgram>
{
    public MemberCardProgramType()
    {
        Name = "MemberCardProgram";
        Description = "The merchant's member card: the basis and up to three tiers, lowest first.";
        Field<NonNullGraphType<CardBasisType>>("basis").Description("What tiers are reached on.").Resolve(c => c.Source.Basis);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CardTierType>>>>("tiers").Description("The tiers, lowest threshold first; empty when the merchant has no card.").Resolve(c => c.Source.Tiers);
        Field<NonNullGraphType<BooleanGraphType>>("yearlyReevaluation").Description("True when tiers are judged on the totals of the last and the current calendar year instead of the lifetime totals.").Resolve(c => c.Source.YearlyReevaluation);
        Field<NonNullGraphType<IntGraphType>>("downgradeWarningDays").Description("Under yearly re-evaluation, how many days before 1 January a member whose tier this year's totals do not reach is warned.").Resolve(c => c.Source.DowngradeWarningDays);
    }
}

public sealed class CardDowngradeWarningType : ObjectGraphType<CardDowngradeWarning>
{
    public CardDowngradeWarningType()
    {
        Name = "CardDowngradeWarning";
        Description = "A downgrade that yearly re-evaluation brings unless this year's totals grow.";
        Field<CardTierType>("tier").Description("The tier the member drops to; null for no tier.").Resolve(c => c.Source.To);
        Field<NonNullGraphType<DateOnlyGraphType>>("on").Description("The day of the downgrade, 1 January in the merchant's time zone.").Resolve(c => c.Source.On);
        Field<NonNullGraphType<DecimalScalar>>("missingToKeep").Description("Points or money this year still needs to keep the current tier.").Resolve(c => c.Source.MissingToKeep);
    }
}

public sealed class MemberCardType : ObjectGraphType<MemberCardView>
{
    public MemberCardType()
    {
        Name = "MemberCard";
        Description = "A member's card: the tier reached and what the next one needs.";
        Field<NonNullGraphType<StringGraphType>>("phone").Description("The member's phone number in E.164 form.").Resolve(c => c.Source.Phone);
        Field<NonNullGraphType<CardBasisType>>("basis").Description("What the tier is judged on.").Resolve(c => c.Source.Basis);
        Field<CardTierType>("tier").Description("The highest tier reached; null below the first threshold.").Resolve(c => c.Source.Tier);
        Field<NonNullGraphType<LongGraphType>>("lifetimePoints").Description("Points credited over the member's life, less points that refunds and voids took back.").Resolve(c => c.Source.LifetimePoints);
        Field<NonNullGraphType<DecimalScalar>>("lifetimeSpend").Description("The amounts of every purchase that earned, less refunded amounts.").Resolve(c => c.Source.LifetimeSpend);
        Field<CardTierType>("nextTier").Description("The next tier up; null at the top tier.").Resolve(c => c.Source.NextTier);
        Field<DecimalScalar>("missingForNextTier").Description("Points or money still needed for the next tier; null at the top tier.").Resolve(c => c.Source.MissingForNextTier);
        Field<CardDowngradeWarningType>("downgradeWarning").Description("Under yearly re-evaluation, the downgrade coming on 1 January; null when none is due or it is not yet the warning period.").Resolve(c => c.Source.DowngradeWarning);
    }
}

public sealed class CardTierInput
{
    public string Name { get; set; } = "";
    public string Colour { get; set; } = "";
    public decimal Threshold { get; set; }
    public decimal? EarnMultiplier { get; set; }
    public string? Benefits { get; set; }

    public CardTier ToTier() => new(Name, Colour, Threshold, EarnMultiplier ?? 1.00m, Benefits ?? "");
}

public sealed class CardTierInputType : InputObjectGraphType<CardTierInput>
{
    public CardTierInputType()
    {
        Name = "CardTierInput";
        Description = "One tier of the member card.";
        Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("1 to 50 characters, unique in the card.");
        Field(x => x.Colour, type: typeof(NonNullGraphType<StringGraphType>)).Description("The card's colour as #RRGGBB.");
        Field(x => x.Threshold, type: typeof(NonNullGraphType<DecimalScalar>)).Description("Above 0: whole points for LIFETIME_POINTS, money with at most 2 decimal places for LIFETIME_SPEND; reached when the total is equal or more.");
        Field(x => x.EarnMultiplier, type: typeof(DecimalScalar)).Description("1.00 to 10.00 with at most 2 decimal places; 1.00 when omitted. Not below the tier beneath.");
        Field(x => x.Benefits, type: typeof(StringGraphType)).Description("What the tier gives, at most 1,000 characters; empty when omitted.");
    }
}

public sealed class SetMemberCardProgramInput
{
    public CardBasis Basis { get; set; }
    public List<CardTierInput> Tiers { get; set; } = [];
    public bool? YearlyReevaluation { get; set; }
    public int? DowngradeWarningDays { get; set; }
}

public sealed class SetMemberCardProgramInputType : InputObjectGraphType<SetMemberCardProgramInput>
{
    public SetMemberCardProgramInputType()
    {
        Name = "SetMemberCardProgramInput";
        Description = "The whole member card; it replaces the one before, and members' tiers follow at once.";
        Field(x => x.Basis, type: typeof(NonNullGraphType<CardBasisType>)).Description("What tiers are reached on.");
        Field(x => x.Tiers, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<CardTierInputType>>>)).Description("0 to 3 tiers, lowest threshold first; an empty list turns the card off.");
        Field(x => x.YearlyReevaluation, type: typeof(BooleanGraphType)).Description("True to judge tiers each calendar year: a tier reached in one year is kept through the next. False (lifetime totals) when omitted.");
        Field(x => x.DowngradeWarningDays, type: typeof(IntGraphType)).Description("Under yearly re-evaluation, 0 to 365 days before 1 January from which a coming downgrade is shown; 30 when omitted.");
    }
}
