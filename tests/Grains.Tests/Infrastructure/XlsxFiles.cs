using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pointspot.Tests.Infrastructure;

/// <summary>Builds .xlsx workbooks for the import tests, with the cell types Excel writes.</summary>
public static class XlsxFiles
{
    /// <summary>
    /// Builds a workbook whose first sheet contains <paramref name="rows"/> from row 1. A null row is
    /// left out (a blank row), an int or long is a number cell, a DateOnly is a date number, and
    /// any other value is a shared string.
    /// </summary>
    public static byte[] Build(string sheetName, params object?[]?[] rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var sharedPart = workbookPart.AddNewPart<SharedStringTablePart>();
            sharedPart.SharedStringTable = new SharedStringTable();
            var strings = new Dictionary<string, int>(StringComparer.Ordinal);

            var data = new SheetData();
            for (int r = 0; r < rows.Length; r++)
            {
                if (rows[r] is not { } values)
                {
                    continue;
                }

                var row = new Row { RowIndex = (uint)(r + 1) };
                for (int c = 0; c < values.Length; c++)
                {
                    if (values[c] is { } value)
                    {
                        row.Append(BuildCell(value, $"{(char)('A' + c)}{r + 1}", sharedPart.SharedStringTable, strings));
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Cell BuildCell(object value, string reference, SharedStringTable table, Dictionary<string, int> strings)
    {
        var cell = new Cell { CellReference = reference };
        switch (value)
        {
            case int or long:
                cell.DataType = CellValues.Number;
                cell.CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case DateOnly date:
                double serial = date.ToDateTime(TimeOnly.MinValue).ToOADate();
                cell.CellValue = new CellValue(serial.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                if (!strings.TryGetValue(text, out int index))
                {
                    index = strings.Count;
                    strings[text] = index;
                    table.Append(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
                }

                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(index.ToString(CultureInfo.InvariantCulture));
                break;
        }

        return cell;
    }
}
