using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Catalog;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Catalog;

[Collection(ClusterCollection.Name)]
public sealed class CatalogGrainTests(PointspotClusterFixture fixture)
{
    private const string Phone = "089-111-2222";
    private const string E164 = "+66891112222";

    private static ProductFields Product(string sku, long? pointsPerUnit = null, decimal? multiplier = null,
        bool active = true) =>
        new(sku, $"Product {sku}", "Drinks", 55.00m, active, pointsPerUnit, multiplier);

    [Fact]
    public async Task CreateProduct_NewSku_IsListed()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(merchantId);

        ProductResult result = await catalog.CreateProduct(
            new ProductFields(" LATTE-1 ", "ลาเต้เย็น", " Drinks ", 65.50m, true, null, 1.50m), Owner);

        Assert.Null(result.Error);
        ProductView product = Assert.Single(await catalog.ListProducts(includeInactive: false));
        Assert.Equal(result.Product!.Id, product.Id);
        Assert.Equal("LATTE-1", product.Sku);
        Assert.Equal("ลาเต้เย็น", product.Name);
        Assert.Equal("Drinks", product.Category);
        Assert.Equal(65.50m, product.Price);
        Assert.Equal(1.50m, product.Multiplier);
        Assert.Null(product.PointsPerUnit);
        Assert.Equal(1L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM product WHERE merchant_id = $1 AND sku = 'LATTE-1'", merchantId));
    }

    [Fact]
    public async Task CreateProduct_SameSku_ReturnsDuplicateSku()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(merchantId);
        Assert.Null((await catalog.CreateProduct(Product("TEA"), Owner)).Error);

        ProductResult second = await catalog.CreateProduct(Product("TEA", pointsPerUnit: 3), Owner);

        Assert.Equal(ErrorCodes.DuplicateSku, second.Error?.Code);
        Assert.Contains("TEA", second.Error!.Message);
        Assert.Single(await catalog.ListProducts(includeInactive: true));
    }

    [Fact]
    public async Task CreateProduct_BothRules_ReturnsInvalidInput()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(merchantId);

        ProductResult result = await catalog.CreateProduct(Product("BOTH", pointsPerUnit: 2, multiplier: 2m), Owner);

        Assert.Equal(ErrorCodes.InvalidInput, result.Error?.Code);
        Assert.Empty(await catalog.ListProducts(includeInactive: true));
    }

    [Fact]
    public async Task UpdateProduct_Deactivate_HidesFromActiveList()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(merchantId);
        ProductView created = (await catalog.CreateProduct(Product("MOCHA", multiplier: 3m), Owner)).Product!;

        ProductResult updated = await catalog.UpdateProduct(
            created.Id, Product("MOCHA-2", pointsPerUnit: 7, active: false), Owner);

        Assert.Null(updated.Error);
        Assert.Equal("MOCHA-2", updated.Product!.Sku);
        Assert.Equal(7, updated.Product.PointsPerUnit);
        Assert.Null(updated.Product.Multiplier);
        Assert.Empty(await catalog.ListProducts(includeInactive: false));
        Assert.Single(await catalog.ListProducts(includeInactive: true));
        Assert.Empty(await catalog.GetEarnRules(["MOCHA", "MOCHA-2"]));
    }

    [Fact]
    public async Task CollectPoints_Lines_EarnPerLine()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 25.00m);
        var catalog = fixture.Grains.GetGrain<ICatalogGrain>(merchantId);
        Assert.Null((await catalog.CreateProduct(Product("LATTE", multiplier: 2.00m), Owner)).Error);
        Assert.Null((await catalog.CreateProduct(Product("CAKE", pointsPerUnit: 5), Owner)).Error);
        Assert.Null((await catalog.CreateProduct(Product("OLD", pointsPerUnit: 100, active: false), Owner)).Error);
        PurchaseLine[] lines =
        [
            new("LATTE", 2, 110.00m),
            new("CAKE", 3, 180.00m),
            new("OLD", 1, 30.00m),
            new("NOT-IN-CATALOG", 1, 24.00m),
        ];
        long expected = (long)decimal.Floor(110.00m / 25.00m * 2.00m) + (5 * 3)
            + (long)decimal.Floor((30.00m + 24.00m) / 25.00m);
        var command = Collect(344.00m, "R-LINES-1") with { Lines = lines };

        PointsChangeResult result = await fixture.Member(merchantId, Phone).CollectPoints(command);

        Assert.Null(result.Error);
        Assert.Equal(8 + 15 + 2, expected);
        Assert.Equal(expected, result.Entry!.Points);
        Assert.Equal(344.00m, result.Entry.Amount);
        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
        Assert.Equal(expected, row.Points);
        Assert.Equal("EARN", row.Kind);
    }

    [Fact]
    public async Task CollectPoints_LinesNotAddingUp_WritesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        PurchaseLine[] lines = [new("A", 1, 40.00m), new("B", 1, 50.00m)];
        var command = Collect(100.00m, "R-LINES-BAD") with { Lines = lines };

        PointsChangeResult result = await fixture.Member(merchantId, Phone).CollectPoints(command);

        Assert.Equal(ErrorCodes.InvalidLines, result.Error?.Code);
        Assert.Contains("90.00", result.Error!.Message);
        Assert.Contains("100.00", result.Error.Message);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, E164));
        Assert.Null(await fixture.Member(merchantId, Phone).GetMember());
    }
}
