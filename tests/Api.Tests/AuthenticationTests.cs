using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiHostFixture fixture)
{
    private const string Phone = "0812345678";
    private const string E164 = "+66812345678";

    [Fact]
    public async Task CollectPoints_NoCredentials_ReturnsUnauthenticated()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        var input = new
        {
            phone = Phone,
            amount = "50.00",
            receiptNumber = "R-ANON",
            idempotencyKey = "anon-1",
            occurredAt = "2026-01-15T10:00:00+07:00",
        };

        GraphQLResponse response = await fixture.Client.PostAsync(Documents.CollectPoints, new { input });

        Assert.Equal("UNAUTHENTICATED", response.SingleErrorCode());
        Assert.Null(response.Data?["collectPoints"]);
        Assert.Equal(0, (await merchant.SummaryAsync()).Entries);
    }

    [Fact]
    public async Task Member_UnknownKey_ReturnsUnauthenticated()
    {
        GraphQLResponse response = await fixture.Client.PostAsync(
            Documents.Member, new { phone = Phone }, "psk_not-a-key-anyone-was-given");

        Assert.Equal("UNAUTHENTICATED", response.SingleErrorCode());
    }

    [Fact]
    public async Task CollectPoints_RevokedKey_ReturnsUnauthenticated()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        (await merchant.CollectAsync(Phone, "50.00", "R-BEFORE")).Field("collectPoints");

        GraphQLResponse revoke = await fixture.Client.PostAsync(
            Documents.RevokeApiKey, new { id = merchant.ApiKeyId }, merchant.OwnerToken);
        GraphQLResponse after = await merchant.CollectAsync(Phone, "50.00", "R-AFTER");

        Assert.Equal(merchant.ApiKeyId, revoke.Field("revokeApiKey")["id"]!.GetValue<string>());
        Assert.NotNull(revoke.Field("revokeApiKey")["revokedAt"]);
        Assert.Equal("UNAUTHENTICATED", after.SingleErrorCode());
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, E164));
    }

    [Fact]
    public async Task RevokeApiKey_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        GraphQLResponse response = await fixture.Client.PostAsync(
            Documents.RevokeApiKey, new { id = merchant.ApiKeyId }, merchant.ApiKey);

        Assert.Equal("FORBIDDEN", response.SingleErrorCode());
        Assert.Null(await merchant.MemberAsync(Phone));
    }

    [Fact]
    public async Task Member_OtherMerchantsKey_ReturnsNull()
    {
        TestMerchant shop = await fixture.NewMerchantAsync();
        TestMerchant otherShop = await fixture.NewMerchantAsync();
        (await shop.CollectAsync(Phone, "100.00", "R-OWN")).Field("collectPoints");

        Assert.NotNull(await shop.MemberAsync(Phone));
        Assert.Null(await shop.MemberAsync("0899999999"));
        Assert.Null(await otherShop.MemberAsync(Phone));
        Assert.Null(await shop.MemberAsync(Phone, bearer: otherShop.OwnerToken));
    }

    [Fact]
    public async Task CollectPoints_OtherMerchantsKey_StaysSeparate()
    {
        TestMerchant shop = await fixture.NewMerchantAsync();
        TestMerchant otherShop = await fixture.NewMerchantAsync();
        (await shop.CollectAsync(Phone, "100.00", "R-1", "key-1")).Field("collectPoints");

        GraphQLResponse other = await otherShop.CollectAsync(Phone, "50.00", "R-1", "key-1");

        Assert.Equal(TestMerchant.ExpectedPoints(50.00m, 25.00m),
            other.Field("collectPoints")["member"]!["balance"]!.GetValue<long>());
        Assert.Equal(TestMerchant.ExpectedPoints(100.00m, 25.00m),
            (await shop.MemberAsync(Phone))!["balance"]!.GetValue<long>());
    }
}
