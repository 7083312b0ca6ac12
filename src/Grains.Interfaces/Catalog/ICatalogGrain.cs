using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Catalog;

/// <summary>
/// A merchant's product catalog, keyed by the merchant id. The grain caches every product of the
/// merchant and is the only writer of them, so its cache stays current across silos.
/// </summary>
public interface ICatalogGrain : IGrainWithGuidKey
{
    Task<ProductResult> CreateProduct(ProductFields fields, Actor actor);

    /// <summary>Replaces every field of a product.</summary>
    Task<ProductResult> UpdateProduct(Guid productId, ProductFields fields, Actor actor);

    [ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<ProductView>> ListProducts(bool includeInactive);

    /// <summary>
    /// Returns the earn rules of the active products with one of <paramref name="skus"/> that
    /// have a rule; SKUs of products without a rule, inactive or unknown SKUs are left out.
    /// </summary>
    [ReadOnly, AlwaysInterleave]
    Task<Dictionary<string, ProductEarnRule>> GetEarnRules(IReadOnlyList<string> skus);
}
