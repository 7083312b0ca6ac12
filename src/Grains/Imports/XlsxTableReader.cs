using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pointspot.Grains.Imports;

/// <summary>Reads the first worksheet of an .xlsx workbook with the Open XML SDK.</summary>
public static class XlsxTableReader
{
    public static ImportTable Read(byte[] content, int maxRows)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            return ReadFirstSheet(document, maxRows);
        }
        catch (Exception exception) when (exception is OpenXmlPackageException or FormatException
            or InvalidDataException or IOException)
        {
            throw new ImportFileException(
                $"The file is not a readable .xlsx workbook ({exception.Message}): open it in Excel and save it again "
                + "as \"Excel Workbook (*.xlsx)\" or as \"CSV UTF-8 (Comma delimited) (*.csv)\".");
        }
    }

    private static ImportTable ReadFirstSheet(SpreadsheetDocument document, int maxRows)
    {
        var workbook = document.WorkbookPart
            ?? throw new ImportFileException("The .xlsx file has no workbook: save it again from Excel.");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new ImportFileException("The workbook has no worksheet: put the rows on its first sheet.");
        var worksheet = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        string[] sharedStrings = workbook.SharedStringTablePart?.SharedStringTable?
            .Elements<SharedStringItem>().Select(SharedText).ToArray() ?? [];

        var rows = new List<TableRow>();
        int previous = 0;
        foreach (var row in worksheet.Worksheet?.Descendants<Row>() ?? [])
        {
            int number = row.RowIndex?.Value is { } index ? (int)index : previous + 1;
            previous = number;
            if (rows.Count > maxRows)
            {
                throw CsvTableReader.TooManyRows(maxRows);
            }

            rows.Add(new TableRow(number, ReadCells(row, sharedStrings)));
        }

        return new ImportTable($"Excel workbook, sheet \"{sheet.Name?.Value}\"", rows);
    }

    private static List<string> ReadCells(Row row, string[] sharedStrings)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            int column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
            while (cells.Count <= column)
            {
                cells.Add("");
            }

            cells[column] = CellText(cell, sharedStrings);
        }

        return cells;
    }

    private static string CellText(Cell cell, string[] sharedStrings)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(cell.CellValue?.Text, out int index) && index >= 0 && index < sharedStrings.Length
                ? sharedStrings[index]
                : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? SharedText(inline) : "";
        }

        if (type == CellValues.Boolean)
        {
            return cell.CellValue?.Text == "1" ? "TRUE" : "FALSE";
        }

        return cell.CellValue?.Text ?? "";
    }

    /// <summary>Returns the text of a string item: its plain text or its rich-text runs, without phonetic hints.</summary>
    private static string SharedText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } text)
        {
            return text.Text;
        }

        return string.Concat(item.Elements<Run>().Select(run => run.Text?.Text ?? ""));
    }

    /// <summary>Returns the zero-based column of a reference such as "C7", or null without one.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        int column = 0;
        foreach (char c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column == 0 ? null : column - 1;
    }
}
