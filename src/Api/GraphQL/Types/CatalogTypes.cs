using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces.Catalog;

namespace Pointspot.Api.GraphQL.Types;

public sealed class ProductType : ObjectGraphType<ProductView>
{
    public ProductType()
    {
        Name = "Product";
        Description = "A product of the merchant's catalog and how its lines earn points.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The product's id, for updateProduct.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("sku").Description("The stock-keeping unit, unique per merchant; the POS sends it in collectPoints lines.").Resolve(c => c.Source.Sku);
        Field<NonNullGraphType<StringGraphType>>("name").Description("The product's name as the merchant writes it.").Resolve(c => c.Source.Name);
        Field<StringGraphType>("category").Description("A free-text group such as \"Drinks\"; null when none.").Resolve(c => c.Source.Category);
        Field<NonNullGraphType<DecimalScalar>>("price").Description("The list price of one unit.").Resolve(c => c.Source.Price);
        Field<NonNullGraphType<BooleanGraphType>>("active").Description("An inactive product's lines earn by the spend rule.").Resolve(c => c.Source.Active);
        Field<LongGraphType>("pointsPerUnit").Description("Fixed points per unit sold, whatever the amount; null when not set.").Resolve(c => c.Source.PointsPerUnit);
        Field<DecimalScalar>("multiplier").Description("The line earns floor(line amount / spendPerPoint × multiplier); null when not set.").Resolve(c => c.Source.Multiplier);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When the product was created.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeScalar>>("updatedAt").Description("When the product was last created or updated.").Resolve(c => c.Source.UpdatedAt);
    }
}

public class ProductInput
{
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Category { get; set; }
    public decimal Price { get; set; }
    public bool? Active { get; set; }
    public long? PointsPerUnit { get; set; }
    public decimal? Multiplier { get; set; }

    public ProductFields ToFields() => new(Sku, Name, Category, Price, Active ?? true, PointsPerUnit, Multiplier);
}

public sealed class UpdateProductInput : ProductInput
{
    public string Id { get; set; } = "";
}

public sealed class CreateProductInputType : InputObjectGraphType<ProductInput>
{
    public CreateProductInputType()
    {
        Name = "CreateProductInput";
        ProductInputFields.Add(this);
    }
}

public sealed class UpdateProductInputType : InputObjectGraphType<UpdateProductInput>
{
    public UpdateProductInputType()
    {
        Name = "UpdateProductInput";
        Description = "Every field of the product: fields left out are cleared or take their default.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The id of the product to replace.");
        ProductInputFields.Add(this);
    }
}

internal static class ProductInputFields
{
    public static void Add<T>(InputObjectGraphType<T> type) where T : ProductInput
    {
        type.Field(x => x.Sku, type: typeof(NonNullGraphType<StringGraphType>)).Description("Unique per merchant, at most 64 characters.");
        type.Field(x => x.Name, type: typeof(NonNullGraphType<StringGraphType>)).Description("At most 200 characters.");
        type.Field(x => x.Category, type: typeof(StringGraphType)).Description("A free-text group such as \"Drinks\"; none when omitted.");
        type.Field(x => x.Price, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The list price of one unit, 0.00 or more.");
        type.Field(x => x.Active, type: typeof(BooleanGraphType)).Description("True when omitted.");
        type.Field(x => x.PointsPerUnit, type: typeof(LongGraphType)).Description("Fixed points per unit, 0 to 1,000,000; leave out for the spend rule or a multiplier.");
        type.Field(x => x.Multiplier, type: typeof(DecimalScalar)).Description("Multiplies the spend rule for this product's lines, 0 to 100 with two decimal places (2 = double points); leave out for the spend rule or fixed points.");
    }
}

public sealed class PurchaseLineInput
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public decimal Amount { get; set; }
}

public sealed class PurchaseLineInputType : InputObjectGraphType<PurchaseLineInput>
{
    public PurchaseLineInputType()
    {
        Name = "PurchaseLineInput";
        Description = "One line of a receipt.";
        Field(x => x.Sku, type: typeof(NonNullGraphType<StringGraphType>)).Description("The product's SKU; an SKU not in the catalog earns by the spend rule.");
        Field(x => x.Quantity, type: typeof(NonNullGraphType<IntGraphType>)).Description("Units sold, 1 or more.");
        Field(x => x.Amount, type: typeof(NonNullGraphType<DecimalScalar>)).Description("The line's total, after discounts, with at most two decimal places.");
    }
}
