using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ImportsTests(ApiHostFixture fixture) : IDisposable
{
    private const string ImportJob = """
        query Job($id: ID!) {
          importJob(id: $id) {
            id kind status fileFormat ignoredColumns totalRows processedRows writtenRows unchangedRows failedRows
            errors { row reason }
          }
        }
        """;

    private const string MemberByPhone = """
        query Member($phone: String!) { member(phone: $phone) { name status balance gender birthDate } }
        """;

    private static readonly TimeSpan ImportTimeout = TimeSpan.FromSeconds(60);

    private readonly UploadClient uploads = new(fixture.Host.BaseAddress);

    public void Dispose() => uploads.Dispose();

    [Fact]
    public async Task MembersXlsx_ImportedTwice_WritesGoodRowsOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        byte[] file = XlsxFiles.Build("สมาชิก",
            ["เบอร์โทร", "ชื่อ-นามสกุล", "วันเกิด", "เพศ", "ป้าย", "คะแนน"],
            [812345678L, "สมชาย ใจดี", new DateOnly(1985, 1, 31), "ชาย", "VIP", 250],
            ["0923456789", "มาลี ดอกไม้", "02/03/2530", "หญิง", null, null],
            ["0923456789", "ซ้ำ", null, null, null, null],
            ["0812", "เบอร์ผิด", null, null, null, 10]);

        JsonNode first = await ImportAsync(merchant, "MEMBERS", "members.xlsx", file);
        JsonNode second = await ImportAsync(merchant, "MEMBERS", "members.xlsx", file);

        Assert.Equal("COMPLETED", first["status"]!.GetValue<string>());
        Assert.Equal(4, first["totalRows"]!.GetValue<int>());
        Assert.Equal(2, first["writtenRows"]!.GetValue<int>());
        Assert.Equal(2, first["failedRows"]!.GetValue<int>());
        Assert.Equal(0, second["writtenRows"]!.GetValue<int>());
        Assert.Equal(2, second["unchangedRows"]!.GetValue<int>());
        JsonArray errors = second["errors"]!.AsArray();
        Assert.Equal(new[] { 4, 5 }, errors.Select(error => error!["row"]!.GetValue<int>()));
        Assert.Contains("row 3", errors[0]!["reason"]!.GetValue<string>());
        Assert.Contains("0812", errors[1]!["reason"]!.GetValue<string>());

        JsonNode somchai = (await fixture.Client.PostAsync(MemberByPhone, new { phone = "0812345678" }, merchant.OwnerToken)).Field("member");
        Assert.Equal("สมชาย ใจดี", somchai["name"]!.GetValue<string>());
        Assert.Equal("REGISTERED", somchai["status"]!.GetValue<string>());
        Assert.Equal("1985-01-31", somchai["birthDate"]!.GetValue<string>());
        Assert.Equal("MALE", somchai["gender"]!.GetValue<string>());
        Assert.Equal(250, somchai["balance"]!.GetValue<long>());
        JsonNode malee = (await fixture.Client.PostAsync(MemberByPhone, new { phone = "0923456789" }, merchant.OwnerToken)).Field("member");
        Assert.Equal("มาลี ดอกไม้", malee["name"]!.GetValue<string>());
        Assert.Equal("1987-03-02", malee["birthDate"]!.GetValue<string>());
        StoredRow entry = Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66812345678"));
        Assert.Equal("IMPORT", entry.Kind);
        Assert.Equal(250, entry.Points);
        Assert.Equal(2L, await fixture.Database.QueryScalarAsync<long>(
            "SELECT count(*) FROM member WHERE merchant_id = $1", merchant.Id));
    }

    [Fact]
    public async Task PointsCsvWithBom_ImportedTwice_CreditsOnce()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        string text = "phone,points,reason,branch\r\n"
            + "081-234-5678,300,ยอดยกมาจากระบบเดิม,สยาม\r\n"
            + "0898765432,0,ยอดยกมาจากระบบเดิม,สยาม\r\n"
            + "0898765432,75,ยอดยกมาจากระบบเดิม,สยาม\r\n";
        byte[] file = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

        JsonNode first = await ImportAsync(merchant, "POINTS", "points.csv", file);
        JsonNode second = await ImportAsync(merchant, "POINTS", "points.csv", file);

        Assert.Equal("CSV, UTF-8 with BOM", first["fileFormat"]!.GetValue<string>());
        Assert.Equal("branch", Assert.Single(first["ignoredColumns"]!.AsArray())!.GetValue<string>());
        Assert.Equal(2, first["writtenRows"]!.GetValue<int>());
        Assert.Equal(0, second["writtenRows"]!.GetValue<int>());
        Assert.Equal(2, second["unchangedRows"]!.GetValue<int>());
        JsonNode error = Assert.Single(first["errors"]!.AsArray())!;
        Assert.Equal(3, error["row"]!.GetValue<int>());
        Assert.Contains("out of range", error["reason"]!.GetValue<string>());
        Assert.Equal(300, Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66812345678")).Points);
        Assert.Equal(75, Assert.Single(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66898765432")).Points);
        PointsSummaryView summary = await merchant.SummaryAsync();
        Assert.Equal(375, summary.LedgerPoints);
        Assert.Equal(375, summary.MemberBalances);
    }

    [Fact]
    public async Task Upload_ApiKey_ReturnsForbidden()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();

        var (status, body) = await uploads.PostFormAsync("imports", merchant.ApiKey,
            new Dictionary<string, string> { ["kind"] = "POINTS" }, "file", "p.csv", "phone,points,reason\n"u8.ToArray(), "text/csv");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_Utf16WithoutBom_RejectedWhole()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        byte[] file = Encoding.Unicode.GetBytes("phone,points,reason\n0812345678,5,x\n");

        var (status, body) = await uploads.PostFormAsync("imports", merchant.OwnerToken,
            new Dictionary<string, string> { ["kind"] = "POINTS" }, "file", "points.csv", file, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FILE", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("CSV UTF-8", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66812345678"));
    }

    [Fact]
    public async Task Upload_UnclosedQuote_RejectedWhole()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        byte[] file = Encoding.UTF8.GetBytes("phone,points,reason\n0812345678,5,\"unterminated\n0812345679,5,ok\n");

        var (status, body) = await uploads.PostFormAsync("imports", merchant.OwnerToken,
            new Dictionary<string, string> { ["kind"] = "POINTS" }, "file", "points.csv", file, "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FILE", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Empty(await fixture.Database.ReadLedgerAsync(merchant.Id, "+66812345679"));
    }

    [Fact]
    public async Task Upload_ZipThatIsNoWorkbook_RejectedWhole()
    {
        TestMerchant merchant = await fixture.NewMerchantAsync();
        using var archive = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(archive, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
            writer.Write("<x/>");
        }

        var (status, body) = await uploads.PostFormAsync("imports", merchant.OwnerToken,
            new Dictionary<string, string> { ["kind"] = "MEMBERS" }, "file", "members.csv", archive.ToArray(), "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_FILE", body!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    /// <summary>Uploads a file and polls importJob until it is no longer running.</summary>
    private async Task<JsonNode> ImportAsync(TestMerchant merchant, string kind, string fileName, byte[] file)
    {
        var (status, body) = await uploads.PostFormAsync("imports", merchant.OwnerToken,
            new Dictionary<string, string> { ["kind"] = kind }, "file", fileName, file, "application/octet-stream");
        Assert.True(status == HttpStatusCode.Accepted, $"POST /imports returned {status}: {body?.ToJsonString()}");
        string id = body!["importJob"]!["id"]!.GetValue<string>();

        var deadline = DateTime.UtcNow + ImportTimeout;
        while (true)
        {
            JsonNode job = (await fixture.Client.PostAsync(ImportJob, new { id }, merchant.OwnerToken)).Field("importJob");
            if (job["status"]!.GetValue<string>() != "RUNNING")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Import {id} still running after {ImportTimeout}: {job.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
