using Microsoft.Extensions.Logging;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Catalog;

/// <summary>
/// A merchant's products, loaded from the product table on activation. Every write goes through
/// this grain, which has one activation in the cluster, so the cached catalog matches the table.
/// </summary>
public sealed partial class CatalogGrain(ProductStore store, ILogger<CatalogGrain> logger) : Grain, ICatalogGrain
{
    private readonly Dictionary<Guid, ProductView> _byId = [];
    private readonly Dictionary<string, ProductView> _bySku = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var product in await store.ListAsync(this.GetPrimaryKey()))
        {
            Cache(product);
        }
    }

    public async Task<ProductResult> CreateProduct(ProductFields fields, Actor actor)
    {
        var normalized = ProductRules.Normalize(fields);
        var invalid = ProductRules.Check(normalized);
        if (invalid is not null)
        {
            return new ProductResult(null, invalid);
        }

        if (_bySku.TryGetValue(normalized.Sku, out var existing))
        {
            return new ProductResult(null, DuplicateSku(existing));
        }

        var product = await store.InsertAsync(this.GetPrimaryKey(), Guid.NewGuid(), normalized, actor.ToString());
        if (product is null)
        {
            return new ProductResult(null, DuplicateSku(normalized.Sku));
        }

        Cache(product);
        LogProductCreated(this.GetPrimaryKey(), product.Id, product.Sku, actor.ToString());
        return new ProductResult(product, null);
    }

    public async Task<ProductResult> UpdateProduct(Guid productId, ProductFields fields, Actor actor)
    {
        if (!_byId.TryGetValue(productId, out var current))
        {
            return new ProductResult(null, new PointspotError(ErrorCodes.NotFound,
                $"No product with id {productId} exists at this merchant: list them with the products query."));
        }

        var normalized = ProductRules.Normalize(fields);
        var invalid = ProductRules.Check(normalized);
        if (invalid is not null)
        {
            return new ProductResult(null, invalid);
        }

        if (_bySku.TryGetValue(normalized.Sku, out var other) && other.Id != productId)
        {
            return new ProductResult(null, DuplicateSku(other));
        }

        var product = await store.UpdateAsync(this.GetPrimaryKey(), productId, normalized, actor.ToString());
        if (product is null)
        {
            return new ProductResult(null, DuplicateSku(normalized.Sku));
        }

        _bySku.Remove(current.Sku);
        Cache(product);
        LogProductUpdated(this.GetPrimaryKey(), product.Id, product.Sku, actor.ToString());
        return new ProductResult(product, null);
    }

    public Task<IReadOnlyList<ProductView>> ListProducts(bool includeInactive)
    {
        IReadOnlyList<ProductView> products = _byId.Values
            .Where(product => includeInactive || product.Active)
            .OrderBy(product => product.Category ?? "", StringComparer.Ordinal)
            .ThenBy(product => product.Sku, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(products);
    }

    public Task<Dictionary<string, ProductEarnRule>> GetEarnRules(IReadOnlyList<string> skus)
    {
        var rules = new Dictionary<string, ProductEarnRule>();
        foreach (string sku in skus)
        {
            if (_bySku.TryGetValue(sku, out var product) && product.Active && product.EarnRule is { } rule)
            {
                rules[sku] = rule;
            }
        }

        return Task.FromResult(rules);
    }

    private void Cache(ProductView product)
    {
        _byId[product.Id] = product;
        _bySku[product.Sku] = product;
    }

    private static PointspotError DuplicateSku(ProductView existing) => new(ErrorCodes.DuplicateSku,
        $"sku \"{existing.Sku}\" already belongs to product {existing.Id} ({existing.Name}): "
        + "send another SKU, or update that product.");

    private static PointspotError DuplicateSku(string sku) => new(ErrorCodes.DuplicateSku,
        $"sku \"{sku}\" already belongs to another product of this merchant: send another SKU.");

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} product {ProductId} ({Sku}) created by {Actor}")]
    private partial void LogProductCreated(Guid merchantId, Guid productId, string sku, string actor);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} product {ProductId} ({Sku}) updated by {Actor}")]
    private partial void LogProductUpdated(Guid merchantId, Guid productId, string sku, string actor);
}
