using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Types;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;

namespace Pointspot.Api.GraphQL;

/// <summary>The catalog's queries and mutations.</summary>
public static class CatalogFields
{
    public static void AddQueries(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProductType>>>>("products")
            .Description("The merchant's products, by category and SKU. Staff and API keys may read them.")
            .Argument<BooleanGraphType>("includeInactive", a =>
            {
                a.DefaultValue = false;
                a.Description = "Also list inactive products.";
            })
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireAsync(Permission.LookUp, "products");
                bool includeInactive = c.GetArgument("includeInactive", false);
                return await Catalog(c, caller.MerchantId).ListProducts(includeInactive);
            });
    }

    public static void AddMutations(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ProductType>>("createProduct")
            .Description("Adds a product to the catalog. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<CreateProductInputType>>("input", a => a.Description = "The new product's fields.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("createProduct");
                var input = c.GetArgument<ProductInput>("input");
                var result = await Catalog(c, caller.MerchantId)
                    .CreateProduct(input.ToFields(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Product, result.Error);
            });

        mutation.Field<NonNullGraphType<ProductType>>("updateProduct")
            .Description("Replaces every field of a product; deactivate a product with active: false. Owner, admin or an API key of scope admin.")
            .Argument<NonNullGraphType<UpdateProductInputType>>("input", a => a.Description = "The product's id and all of its fields.")
            .ResolveAsync(async c =>
            {
                var caller = await c.Request().RequireManagerAsync("updateProduct");
                var input = c.GetArgument<UpdateProductInput>("input");
                if (!Guid.TryParse(input.Id, out Guid productId))
                {
                    throw new ExecutionError($"id \"{input.Id}\" is not a product id: take one from the products query.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var result = await Catalog(c, caller.MerchantId)
                    .UpdateProduct(productId, input.ToFields(), GraphQLUserContext.ActorOf(caller));
                return Errors.OrThrow(result.Product, result.Error);
            });
    }

    private static ICatalogGrain Catalog(IResolveFieldContext context, Guid merchantId) =>
        context.Request().Grains.GetGrain<ICatalogGrain>(merchantId);
}
