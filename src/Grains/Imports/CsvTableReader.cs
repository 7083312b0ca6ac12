using System.Globalization;
using Sylvan.Data.Csv;

namespace Pointspot.Grains.Imports;

/// <summary>Reads comma-, semicolon- or tab-separated text with Sylvan.Data.Csv (RFC 4180 quoting).</summary>
public static class CsvTableReader
{
    public static ImportTable Read(byte[] content, int maxRows)
    {
        var (text, encoding) = ImportText.Decode(content);
        char delimiter = DetectDelimiter(text);
        var options = new CsvDataReaderOptions { HasHeaders = false, Delimiter = delimiter };

        // Sylvan numbers records as a spreadsheet numbers rows: a blank line is a record with one
        // empty cell, and a quoted cell with line breaks stays within one record.
        var rows = new List<TableRow>();
        using var reader = CsvDataReader.Create(new StringReader(text), options);
        while (reader.Read())
        {
            if (rows.Count > maxRows)
            {
                throw TooManyRows(maxRows);
            }

            var cells = new string[reader.RowFieldCount];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = reader.GetString(i);
            }

            rows.Add(new TableRow(reader.RowNumber, cells));
        }

        string separator = delimiter switch { '\t' => "tab-separated", ';' => "semicolon-separated", _ => "CSV" };
        return new ImportTable($"{separator}, {encoding}", rows);
    }
    internal static ImportFileException TooManyRows(int maxRows) => new(
        $"The file has more than {maxRows.ToString("N0", CultureInfo.InvariantCulture)} rows: split it into smaller files.");

    /// <summary>Picks the separator of the first line: a tab or a semicolon when it has one and no comma.</summary>
    private static char DetectDelimiter(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        string header = end < 0 ? text : text[..end];
        if (header.Contains('\t') && !header.Contains(','))
        {
            return '\t';
        }

        return header.Contains(';') && !header.Contains(',') ? ';' : ',';
    }
}
