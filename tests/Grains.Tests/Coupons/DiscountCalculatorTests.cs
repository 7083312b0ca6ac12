using Pointspot.Grains.Coupons;
using Pointspot.Grains.Interfaces.Coupons;
using Pointspot.Grains.Interfaces.Points;
using static Pointspot.Grains.Tests.Infrastructure.Campaigns;

namespace Pointspot.Grains.Tests.Coupons;

public sealed class DiscountCalculatorTests
{
    private static readonly PurchaseLine[] Lines = [new("LATTE", 2, 130m), new("CAKE", 1, 95.50m)];

    [Fact]
    public void AnyOrder_TotalNeverNegative()
    {
        var coupons = new (CampaignDefinition Definition, decimal? Voucher)[]
        {
            (AmountOff(100m), null),
            (PercentOff(35m), null),
            (AmountOff(0.01m), null),
            (FreeItem("LATTE"), null),
            (GiftVoucher(80m), 80m),
            (PercentOff(100m), null),
        };
        var random = new Random(20270331);
        decimal[] amounts = [0m, 0.01m, 64.99m, 225.50m, 1000m];

        foreach (decimal amount in amounts)
        {
            for (int round = 0; round < 200; round++)
            {
                var order = coupons.OrderBy(_ => random.Next()).Take(random.Next(1, coupons.Length + 1)).ToList();
                decimal remaining = amount;
                decimal discounts = 0;
                foreach (var (definition, voucher) in order)
                {
                    var (discount, error) = DiscountCalculator.Compute(definition, voucher, remaining, Lines);
                    Assert.Null(error);
                    Assert.InRange(discount, 0m, remaining);
                    remaining -= discount;
                    discounts += discount;
                }

                Assert.True(remaining >= 0, $"total {remaining} after {order.Count} coupons on {amount}");
                Assert.Equal(amount, remaining + discounts);
            }
        }
    }

    [Fact]
    public void Percent_RoundsDownToSatang()
    {
        var (discount, _) = DiscountCalculator.Compute(PercentOff(15m), null, 33.33m, null);

        Assert.Equal(4.99m, discount);
    }

    [Fact]
    public void FreeItem_TakesUnitPrice()
    {
        var (discount, error) = DiscountCalculator.Compute(FreeItem("LATTE"), null, 225.50m, Lines);

        Assert.Null(error);
        Assert.Equal(130m / 2, discount);
    }

    [Fact]
    public void FreeItem_MissingFromLines_NotMet()
    {
        var (_, error) = DiscountCalculator.Compute(FreeItem("TEA"), null, 225.50m, Lines);

        Assert.Equal("COUPON_CONDITION_NOT_MET", error?.Code);
    }

    private static CampaignDefinition FreeItem(string sku) => AmountOff(1m) with
    {
        DiscountKind = DiscountKind.FreeItem,
        DiscountAmount = null,
        FreeItemSku = sku,
    };
}
