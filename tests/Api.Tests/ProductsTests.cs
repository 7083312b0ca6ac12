using System.Globalization;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProductsTests(ApiHostFixture fixture)
{
    private const string Phone = "0861234567";
    private const string E164 = "+66861234567";

    private const string ProductFields = "id sku name category price active pointsPerUnit multiplier";

    private const string CreateProduct = $$"""
        mutation Create($input: CreateProductInput!) { createProduct(input: $input) { {{ProductFields}} } }
        """;

    private const string UpdateProduct = $$"""
        mutation Update($input: UpdateProductInput!) { updateProduct(input: $input) { {{ProductFields}} } }
        """;

    private const string Products = $$"""
        query Products($all: Boolean) { products(includeInactive: $all) { {{ProductFields}} } }
        """;

    private const string CollectWithLines = """
        mutation Collect($input: CollectPointsInput!) {
          collectPoints(input: $input) { entry { points amount } member { balance } }
        }
        """;

    [Fact]
    public async Task CreateProduct_Owner_ListedForApiKey()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        JsonNode created = (await fixture.Client.PostAsync(CreateProduct, new
        {
            input = new { sku = "TEA-01", name = "ชาไทยเย็น", category = "เครื่องดื่ม", price = "45.00", multiplier = "1.5" },
        }, merchant.OwnerToken)).Field("createProduct");
        JsonNode listed = (await fixture.Client.PostAsync(Products, new { all = false }, merchant.ApiKey)).Field("products");

        JsonNode product = Assert.Single(listed.AsArray())!;
        Assert.Equal(created["id"]!.GetValue<string>(), product["id"]!.GetValue<string>());
        Assert.Equal("TEA-01", product["sku"]!.GetValue<string>());
        Assert.Equal("ชาไทยเย็น", product["name"]!.GetValue<string>());
        Assert.Equal("เครื่องดื่ม", product["category"]!.GetValue<string>());
        Assert.Equal("45.00", product["price"]!.GetValue<string>());
        Assert.True(product["active"]!.GetValue<bool>());
        Assert.Null(product["pointsPerUnit"]);
        Assert.Equal("1.50", product["multiplier"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateProduct_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(CreateProduct,
            new { input = new { sku = "X", name = "X", price = "1.00" } }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
    }

    [Fact]
    public async Task CreateProduct_DuplicateSku_ReturnsDuplicateSku()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var input = new { sku = "SKU-1", name = "Cake", price = "60.00", pointsPerUnit = 3 };
        (await fixture.Client.PostAsync(CreateProduct, new { input }, merchant.OwnerToken)).Field("createProduct");

        GraphQLResponse response = await fixture.Client.PostAsync(CreateProduct, new { input }, merchant.OwnerToken);

        Assert.Equal("DUPLICATE_SKU", response.SingleErrorCode());
    }

    [Fact]
    public async Task UpdateProduct_ReplacesRuleAndActive()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        JsonNode created = (await fixture.Client.PostAsync(CreateProduct,
            new { input = new { sku = "SKU-2", name = "Cake", price = "60.00", pointsPerUnit = 3 } },
            merchant.OwnerToken)).Field("createProduct");
        string id = created["id"]!.GetValue<string>();

        JsonNode updated = (await fixture.Client.PostAsync(UpdateProduct,
            new { input = new { id, sku = "SKU-2", name = "Cheesecake", price = "75.00", multiplier = "2", active = false } },
            merchant.OwnerToken)).Field("updateProduct");
        JsonNode active = (await fixture.Client.PostAsync(Products, new { all = false }, merchant.OwnerToken)).Field("products");
        JsonNode all = (await fixture.Client.PostAsync(Products, new { all = true }, merchant.OwnerToken)).Field("products");

        Assert.Equal("Cheesecake", updated["name"]!.GetValue<string>());
        Assert.Null(updated["pointsPerUnit"]);
        Assert.Equal("2.00", updated["multiplier"]!.GetValue<string>());
        Assert.False(updated["active"]!.GetValue<bool>());
        Assert.Empty(active.AsArray());
        Assert.Single(all.AsArray());
    }

    [Fact]
    public async Task CollectPoints_LinesWithProductRules_EarnPerLine()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync(spendPerPoint: "20.00");
        (await fixture.Client.PostAsync(CreateProduct,
            new { input = new { sku = "DOUBLE", name = "Latte", price = "70.00", multiplier = "2" } },
            merchant.OwnerToken)).Field("createProduct");
        (await fixture.Client.PostAsync(CreateProduct,
            new { input = new { sku = "FIXED", name = "Membership cup", price = "199.00", pointsPerUnit = 50 } },
            merchant.OwnerToken)).Field("createProduct");
        var lines = new object[]
        {
            new { sku = "DOUBLE", quantity = 3, amount = "210.00" },
            new { sku = "FIXED", quantity = 2, amount = "398.00" },
            new { sku = "PLAIN-1", quantity = 1, amount = "19.50" },
            new { sku = "PLAIN-2", quantity = 1, amount = "19.50" },
        };
        long expected = (long)decimal.Floor(210.00m / 20.00m * 2m) + (50 * 2)
            + (long)decimal.Floor((19.50m + 19.50m) / 20.00m);

        JsonNode payload = (await fixture.Client.PostAsync(CollectWithLines,
            new { input = Input("647.00", "R-L-1", lines) }, merchant.ApiKey)).Field("collectPoints");

        Assert.Equal(21 + 100 + 1, expected);
        Assert.Equal(expected, payload["entry"]!["points"]!.GetValue<long>());
        Assert.Equal("647.00", payload["entry"]!["amount"]!.GetValue<string>());
        Assert.Equal(expected, payload["member"]!["balance"]!.GetValue<long>());
        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
        Assert.Equal(expected, row.Points);
    }

    [Fact]
    public async Task CollectPoints_LinesNotAddingUp_ReturnsInvalidLines()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var lines = new object[] { new { sku = "A", quantity = 1, amount = "60.00" }, new { sku = "B", quantity = 2, amount = "30.00" } };

        GraphQLResponse response = await fixture.Client.PostAsync(CollectWithLines,
            new { input = Input("100.00", "R-L-2", lines) }, merchant.ApiKey);

        Assert.Equal("INVALID_LINES", response.SingleErrorCode());
        string message = response.Errors[0]["message"]!.GetValue<string>();
        Assert.Contains("90.00", message);
        Assert.Contains("100.00", message);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    private static object Input(string amount, string receiptNumber, object[] lines) => new
    {
        phone = Phone,
        amount,
        receiptNumber,
        idempotencyKey = $"key-{receiptNumber}",
        occurredAt = TestMerchant.HourAgo().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        lines,
    };
}
