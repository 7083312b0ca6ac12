using Pointspot.Grains.Claims;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Claims;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Claims;

[Collection(ClusterCollection.Name)]
public sealed class ClaimsGrainTests(PointspotClusterFixture fixture)
{
    private const string Phone = "0655554444";
    private const string E164 = "+66655554444";

    private static ClaimSubmission Submission(string receiptNumber, decimal amount = 260.00m, byte[]? photo = null) =>
        new(Phone, receiptNumber, amount, HourAgo().AddDays(-2), photo ?? ReceiptPhotos.Jpeg(), Pos);

    [Fact]
    public async Task Submit_JpegPhoto_IsPendingWithPhoto()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        byte[] photo = ReceiptPhotos.Png(5000);

        ClaimResult result = await claims.Submit(Submission("RC-1", photo: photo));

        Assert.Null(result.Error);
        ClaimView claim = result.Claim!;
        Assert.Equal(ClaimStatus.Pending, claim.Status);
        Assert.Equal(E164, claim.Phone);
        Assert.Equal("image/png", claim.PhotoType);
        Assert.Equal(5000, claim.PhotoBytes);
        Assert.Equal(claim.Id, Assert.Single(await claims.List(ClaimStatus.Pending, 50)).Id);
        ClaimPhoto? stored = await claims.GetPhoto(claim.Id);
        Assert.NotNull(stored);
        Assert.Equal(photo, stored.Bytes);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task Submit_SameReceiptTwice_ReturnsDuplicateReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        Assert.Null((await claims.Submit(Submission("RC-2"))).Error);

        ClaimResult second = await claims.Submit(Submission("RC-2", amount: 300.00m));

        Assert.Equal(ErrorCodes.DuplicateReceipt, second.Error?.Code);
        Assert.Contains("RC-2", second.Error!.Message);
        Assert.Single(await claims.List(null, 50));
    }

    [Fact]
    public async Task Submit_ReceiptEarnedAtCounter_ReturnsDuplicateReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        Assert.Null((await fixture.Member(merchantId, Phone).CollectPoints(Collect(100.00m, "RC-3"))).Error);

        ClaimResult result = await fixture.Grains.GetGrain<IClaimsGrain>(merchantId).Submit(Submission("RC-3"));

        Assert.Equal(ErrorCodes.DuplicateReceipt, result.Error?.Code);
    }

    [Fact]
    public async Task Submit_NotAnImage_ReturnsInvalidPhoto()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);

        ClaimResult result = await claims.Submit(Submission("RC-4", photo: ReceiptPhotos.Pdf()));

        Assert.Equal(ErrorCodes.InvalidPhoto, result.Error?.Code);
        Assert.Contains("255044462D31", result.Error!.Message);
        Assert.Empty(await claims.List(null, 50));
    }

    [Fact]
    public async Task Submit_PhotoOverLimit_ReturnsPhotoTooLarge()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        int limit = new ClaimOptions().MaxPhotoBytes;

        ClaimResult over = await claims.Submit(Submission("RC-5", photo: ReceiptPhotos.Jpeg(limit + 1)));
        ClaimResult at = await claims.Submit(Submission("RC-6", photo: ReceiptPhotos.Jpeg(limit)));

        Assert.Equal(ErrorCodes.PhotoTooLarge, over.Error?.Code);
        Assert.Null(at.Error);
        Assert.Equal("RC-6", Assert.Single(await claims.List(null, 50)).ReceiptNumber);
    }

    [Fact]
    public async Task Approve_TwoAtOnce_AwardsOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync(spendPerPoint: 25.00m);
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        ClaimView claim = (await claims.Submit(Submission("RC-7", amount: 260.00m))).Claim!;
        long expected = ExpectedPoints(260.00m, 25.00m);

        ClaimResult[] results = await Task.WhenAll(claims.Approve(claim.Id, Owner), claims.Approve(claim.Id, Owner));

        Assert.All(results, result => Assert.Null(result.Error));
        Assert.All(results, result => Assert.Equal(ClaimStatus.Approved, result.Claim!.Status));
        Assert.Equal(10, expected);
        Assert.All(results, result => Assert.Equal(expected, result.Claim!.Points));
        StoredRow row = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
        Assert.Equal("EARN", row.Kind);
        Assert.Equal(expected, row.Points);
        Assert.Equal("RC-7", row.ReceiptNumber);
        Assert.Equal(ClaimsGrain.IdempotencyKey(claim.Id), row.IdempotencyKey);
        Assert.All(results, result => Assert.Equal(row.EntryId, result.Claim!.EntryId));
        Assert.Equal(expected, (await fixture.Member(merchantId, Phone).GetMember())!.Balance);
    }

    [Fact]
    public async Task Approve_ReceiptEarnedSinceSubmission_ReturnsDuplicateReceipt()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        ClaimView claim = (await claims.Submit(Submission("RC-8"))).Claim!;
        Assert.Null((await fixture.Member(merchantId, Phone).CollectPoints(Collect(260.00m, "RC-8"))).Error);

        ClaimResult result = await claims.Approve(claim.Id, Owner);

        Assert.Equal(ErrorCodes.DuplicateReceipt, result.Error?.Code);
        Assert.Equal(ClaimStatus.Pending, (await claims.Get(claim.Id))!.Status);
        Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }

    [Fact]
    public async Task Reject_ThenApprove_ReturnsAlreadyDecided()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        var claims = fixture.Grains.GetGrain<IClaimsGrain>(merchantId);
        ClaimView claim = (await claims.Submit(Submission("RC-9"))).Claim!;

        ClaimResult rejected = await claims.Reject(claim.Id, "ใบเสร็จไม่ชัด", Owner);
        ClaimResult approved = await claims.Approve(claim.Id, Owner);
        ClaimResult again = await claims.Submit(Submission("RC-9"));

        Assert.Equal(ClaimStatus.Rejected, rejected.Claim!.Status);
        Assert.Equal("ใบเสร็จไม่ชัด", rejected.Claim.RejectionReason);
        Assert.Equal(ErrorCodes.ClaimAlreadyDecided, approved.Error?.Code);
        Assert.Null(again.Error);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, E164));
    }
}
