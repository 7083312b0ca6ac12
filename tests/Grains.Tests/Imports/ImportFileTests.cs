using System.Text;
using Pointspot.Grains.Imports;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Tests.Imports;

public sealed class ImportFileTests
{
    private static readonly ImportOptions Options = new();
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static ImportTable Read(byte[] content, string fileName = "members.csv") =>
        ImportFiles.Read(fileName, content, Options);

    [Fact]
    public void Read_CsvWithBom_KeepsThaiText()
    {
        byte[] content = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("phone,name\r\n0812345678,\"สมชาย ใจดี\"\r\n")];

        ImportTable table = Read(content);

        Assert.Equal("CSV, UTF-8 with BOM", table.Format);
        Assert.Equal(new[] { "phone", "name" }, table.Rows[0].Cells);
        Assert.Equal("สมชาย ใจดี", table.Rows[1].Cells[1]);
        Assert.Equal(2, table.Rows[1].Number);
    }

    [Fact]
    public void Read_Windows874_DecodesThai()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] content = Encoding.GetEncoding(874).GetBytes("phone,name\n0812345678,สมหญิง รักไทย\n");

        ImportTable table = Read(content);

        Assert.Equal("CSV, Windows-874 (TIS-620)", table.Format);
        Assert.Equal("สมหญิง รักไทย", table.Rows[1].Cells[1]);
    }

    [Fact]
    public void Read_Utf16WithBom_ReadsTabSeparated()
    {
        byte[] content = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("phone\tname\n0812345678\tวิชัย\n")];

        ImportTable table = Read(content, "members.txt");

        Assert.Equal("tab-separated, UTF-16LE", table.Format);
        Assert.Equal("วิชัย", table.Rows[1].Cells[1]);
    }

    [Fact]
    public void Read_Utf16WithoutBom_IsRejected()
    {
        byte[] content = Encoding.Unicode.GetBytes("phone,name\n0812345678,วิชัย\n");

        var exception = Assert.Throws<ImportFileException>(() => Read(content));

        Assert.Contains("zero byte", exception.Message);
        Assert.Contains("CSV UTF-8", exception.Message);
    }

    [Fact]
    public void Read_Latin1_IsRejected()
    {
        byte[] content = Encoding.Latin1.GetBytes("phone,name\n0812345678,Café Noël\n");

        var exception = Assert.Throws<ImportFileException>(() => Read(content));

        Assert.Contains("neither UTF-8 nor Thai Windows-874", exception.Message);
        Assert.Contains("0xE9", exception.Message);
    }

    [Fact]
    public void Read_OldExcelFile_IsRejected()
    {
        byte[] content = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];

        var exception = Assert.Throws<ImportFileException>(() => Read(content, "members.xls"));

        Assert.Contains(".xls", exception.Message);
    }

    [Fact]
    public void Read_Xlsx_ReadsRowNumbersAndNumbers()
    {
        byte[] content = XlsxFiles.Build("สมาชิก",
            ["เบอร์โทร", "ชื่อ", "วันเกิด", "points"],
            [812345678L, "สมชาย ใจดี", new DateOnly(1990, 5, 17), 150],
            null,
            ["089-999-0000", "Ann", null, null]);

        ImportTable table = Read(content, "members.xlsx");

        Assert.Equal("Excel workbook, sheet \"สมาชิก\"", table.Format);
        Assert.Equal(new[] { 1, 2, 4 }, table.Rows.Select(row => row.Number));
        Assert.Equal(new[] { "812345678", "สมชาย ใจดี", "33010", "150" }, table.Rows[1].Cells);
        Assert.Equal("089-999-0000", table.Rows[2].Cell(0));
        Assert.Equal("", table.Rows[2].Cell(3));
    }

    [Fact]
    public void Parse_MemberRows_ChecksEachRow()
    {
        byte[] content = XlsxFiles.Build("Sheet1",
            ["Phone", "Name", "Birth Date", "Gender", "Labels", "Points", "Email"],
            [812345678L, "สมชาย ใจดี", "17/05/2533", "ชาย", "VIP, สาขาสยาม", 150, "a@example.com"],
            ["0812345", "Bad Phone", null, null, null, null, null],
            ["0899990000", "", null, null, null, null, null],
            ["0899990001", "Bad Date", "31/02/1990", null, null, null, null],
            ["0899990002", "Bad Points", null, null, null, "ten", null],
            ["081-234-5678", "Same Phone", null, null, null, null, null],
            ["0899990003", "Bad Gender", null, "x", null, null, null]);

        ImportSheet sheet = ImportSheet.Parse(ImportKind.Members, Read(content, "m.xlsx"), Today);

        Assert.Equal(new[] { "Email" }, sheet.IgnoredColumns);
        Assert.Equal(7, sheet.Rows.Count);
        ImportRow good = sheet.Rows[0];
        Assert.Null(good.Error);
        Assert.Equal("+66812345678", good.Phone.E164);
        Assert.Equal("สมชาย ใจดี", good.Profile!.Name);
        Assert.Equal(new DateOnly(1990, 5, 17), good.Profile.BirthDate);
        Assert.Equal(Gender.Male, good.Profile.Gender);
        Assert.Equal(new[] { "VIP", "สาขาสยาม" }, good.Labels);
        Assert.Equal(150, good.Points);
        Assert.StartsWith("import:", good.IdempotencyKey);
        Assert.Equal(new[] { 3, 4, 5, 6, 7, 8 }, sheet.Rows.Skip(1).Select(row => row.Number));
        Assert.All(sheet.Rows.Skip(1), row => Assert.NotNull(row.Error));
        Assert.Contains("not a Thai mobile number", sheet.Rows[1].Error);
        Assert.Contains("name is empty", sheet.Rows[2].Error);
        Assert.Contains("31/02/1990", sheet.Rows[3].Error);
        Assert.Contains("\"ten\"", sheet.Rows[4].Error);
        Assert.Contains("row 2", sheet.Rows[5].Error);
        Assert.Contains("gender \"x\"", sheet.Rows[6].Error);
    }

    [Fact]
    public void Parse_PointsRows_IdenticalRowsGetDistinctKeys()
    {
        byte[] content = Encoding.UTF8.GetBytes("phone,points,reason\n0812345678,50,ย้ายระบบ\n0812345678,50,ย้ายระบบ\n");

        ImportSheet sheet = ImportSheet.Parse(ImportKind.Points, Read(content, "p.csv"), Today);
        ImportSheet again = ImportSheet.Parse(ImportKind.Points, Read(content, "p.csv"), Today);

        Assert.Equal(2, sheet.Rows.Select(row => row.IdempotencyKey).Distinct().Count());
        Assert.Equal(sheet.Rows.Select(row => row.IdempotencyKey), again.Rows.Select(row => row.IdempotencyKey));
    }

    [Fact]
    public void Parse_MissingColumn_IsRejected()
    {
        byte[] content = Encoding.UTF8.GetBytes("phone,points\n0812345678,50\n");

        var exception = Assert.Throws<ImportFileException>(() => ImportSheet.Parse(ImportKind.Points, Read(content), Today));

        Assert.Contains("no reason column", exception.Message);
    }
}
