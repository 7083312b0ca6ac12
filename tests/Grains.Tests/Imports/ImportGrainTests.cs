using System.Text;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Tests.Infrastructure;
using static Pointspot.Grains.Tests.Infrastructure.Purchases;

namespace Pointspot.Grains.Tests.Imports;

[Collection(ClusterCollection.Name)]
public sealed class ImportGrainTests(PointspotClusterFixture fixture)
{
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MembersXlsx_TwoImports_WritesGoodRowsOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        byte[] file = XlsxFiles.Build("Members",
            ["phone", "name", "birth_date", "gender", "labels", "points"],
            [812345678L, "สมชาย ใจดี", "1990-05-17", "M", "VIP;สาขาสยาม", 120],
            ["0899990000", "นภา แสงทอง", null, "หญิง", null, null],
            ["12345", "Bad Phone", null, null, null, 10],
            ["0899990001", "Bad Points", null, null, null, "-5"]);

        ImportJobView first = await ImportAsync(merchantId, ImportKind.Members, "members.xlsx", file);
        ImportJobView second = await ImportAsync(merchantId, ImportKind.Members, "members.xlsx", file);

        Assert.Equal(ImportStatus.Completed, first.Status);
        Assert.Equal((4, 4, 2, 0, 2), (first.TotalRows, first.ProcessedRows, first.WrittenRows, first.UnchangedRows, first.FailedRows));
        Assert.Equal((4, 0, 2, 2), (second.ProcessedRows, second.WrittenRows, second.UnchangedRows, second.FailedRows));
        var errors = await fixture.Grains.GetGrain<IImportGrain>(first.Id).GetErrors(merchantId, 100);
        Assert.Equal(new[] { 4, 5 }, errors.Select(error => error.Row));
        Assert.Contains("12345", errors[0].Reason);
        Assert.Contains("-5", errors[1].Reason);

        Assert.Equal("สมชาย ใจดี", await fixture.Database.QueryScalarAsync<string>(
            "SELECT name FROM member WHERE merchant_id = $1 AND phone = '+66812345678'", merchantId));
        Assert.Equal("REGISTERED", await fixture.Database.QueryScalarAsync<string>(
            "SELECT status FROM member WHERE merchant_id = $1 AND phone = '+66812345678'", merchantId));
        Assert.Equal("FEMALE", await fixture.Database.QueryScalarAsync<string>(
            "SELECT gender FROM member WHERE merchant_id = $1 AND phone = '+66899990000'", merchantId));
        Assert.Equal(2L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM member WHERE merchant_id = $1", merchantId));
        Assert.Equal("VIP,สาขาสยาม", await fixture.Database.QueryScalarAsync<string>(
            "SELECT string_agg(label, ',' ORDER BY label COLLATE \"C\") FROM member_label WHERE merchant_id = $1", merchantId));
        StoredRow entry = Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66812345678"));
        Assert.Equal("IMPORT", entry.Kind);
        Assert.Equal(120, entry.Points);
        Assert.Equal(120, (await fixture.Member(merchantId, "0812345678").GetMember())!.Balance);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, "+66899990000"));
    }

    [Fact]
    public async Task PointsCsv_BomAndThai_CreditsEachRowOnce()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        string text = "เบอร์โทร,คะแนน,เหตุผล\r\n"
            + "0812345678,100,ย้ายจากระบบเดิม\r\n"
            + "0812345678,100,ย้ายจากระบบเดิม\r\n"
            + "0823456789,abc,ย้ายจากระบบเดิม\r\n"
            + "\r\n"
            + "0823456789,40,\r\n"
            + "0634567890,\"1,500\",โบนัสสมาชิกเก่า\r\n";
        byte[] file = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

        ImportJobView first = await ImportAsync(merchantId, ImportKind.Points, "points.csv", file);
        ImportJobView second = await ImportAsync(merchantId, ImportKind.Points, "points.csv", file);

        Assert.Equal("CSV, UTF-8 with BOM", first.FileFormat);
        Assert.Equal((5, 3, 0, 2), (first.TotalRows, first.WrittenRows, first.UnchangedRows, first.FailedRows));
        Assert.Equal((0, 3, 2), (second.WrittenRows, second.UnchangedRows, second.FailedRows));
        var errors = await fixture.Grains.GetGrain<IImportGrain>(second.Id).GetErrors(merchantId, 100);
        Assert.Equal(new[] { 4, 6 }, errors.Select(error => error.Row));
        Assert.Contains("reason is empty", errors[1].Reason);

        List<StoredRow> first081 = await fixture.Database.ReadLedgerAsync(merchantId, "+66812345678");
        Assert.Equal(new long[] { 100, 100 }, first081.Select(row => row.Points));
        Assert.All(first081, row => Assert.Equal("IMPORT", row.Kind));
        Assert.Equal(1500, Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66634567890")).Points);
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchantId, "+66823456789"));
        Assert.Equal("ย้ายจากระบบเดิม", await fixture.Database.QueryScalarAsync<string>(
            "SELECT DISTINCT reason FROM point_ledger WHERE merchant_id = $1 AND phone = '+66812345678'", merchantId));
    }

    [Fact]
    public async Task PointsCsv_CorrectedCopy_WritesOnlyFixedRow()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        string header = "phone,points,reason\n";
        string good = "0812345678,20,สมาชิกเก่า\n0898765432,30,สมาชิกเก่า\n";
        byte[] withTypo = Encoding.UTF8.GetBytes(header + good + "0634567890,4O,สมาชิกเก่า\n");
        byte[] corrected = Encoding.UTF8.GetBytes(header + good + "0634567890,40,สมาชิกเก่า\n");

        ImportJobView first = await ImportAsync(merchantId, ImportKind.Points, "points.csv", withTypo);
        ImportJobView second = await ImportAsync(merchantId, ImportKind.Points, "points-fixed.csv", corrected);

        Assert.Equal((2, 0, 1), (first.WrittenRows, first.UnchangedRows, first.FailedRows));
        Assert.Equal((1, 2, 0), (second.WrittenRows, second.UnchangedRows, second.FailedRows));
        Assert.Equal(20, Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66812345678")).Points);
        Assert.Equal(30, Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66898765432")).Points);
        Assert.Equal(40, Assert.Single(await fixture.Database.ReadLedgerAsync(merchantId, "+66634567890")).Points);
    }

    [Fact]
    public async Task Start_UnreadableFile_WritesNothing()
    {
        Guid merchantId = await fixture.CreateMerchantAsync();
        byte[] file = Encoding.Unicode.GetBytes("phone,points,reason\n0812345678,5,x\n");
        var request = new ImportRequest(ImportKind.Points, "points.csv", file, Owner);

        ImportJobResult result = await fixture.Grains.GetGrain<IImportGrain>(Guid.NewGuid()).Start(merchantId, request);

        Assert.Equal(ErrorCodes.InvalidFile, result.Error?.Code);
        Assert.Contains("points.csv", result.Error!.Message);
        Assert.Equal(0L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM import_job WHERE merchant_id = $1", merchantId));
    }

    /// <summary>Starts an import and waits until it is no longer running.</summary>
    private async Task<ImportJobView> ImportAsync(Guid merchantId, ImportKind kind, string fileName, byte[] file)
    {
        var grain = fixture.Grains.GetGrain<IImportGrain>(Guid.NewGuid());
        ImportJobResult started = await grain.Start(merchantId, new ImportRequest(kind, fileName, file, Owner));
        Assert.Null(started.Error);

        var deadline = DateTime.UtcNow + ImportTimeout;
        while (true)
        {
            ImportJobView? job = await grain.GetJob(merchantId);
            Assert.NotNull(job);
            if (job.Status != ImportStatus.Running)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {job.Id} still running after {ImportTimeout}: {job}");
            await Task.Delay(100);
        }
    }
}
