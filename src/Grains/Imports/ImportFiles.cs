using System.Globalization;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Grains.Imports;

/// <summary>Reads an uploaded file as a table, choosing the reader by the file's leading bytes.</summary>
public static class ImportFiles
{
    private static readonly byte[] ZipStart = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleStart = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ImportTable Read(string fileName, byte[] content, ImportOptions options)
    {
        if (content.Length == 0)
        {
            throw new ImportFileException("The file is empty: upload a .csv or .xlsx file with a header row.");
        }

        if (content.Length > options.MaxFileBytes)
        {
            throw new ImportFileException(
                $"The file is {content.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes: the maximum is "
                + $"{options.MaxFileBytes.ToString("N0", CultureInfo.InvariantCulture)}. Split it into smaller files.");
        }

        if (content.AsSpan().StartsWith(ZipStart))
        {
            try
            {
                return XlsxTableReader.Read(content, options.MaxRows);
            }
            catch (Exception exception) when (exception is not ImportFileException)
            {
                // A zip that is not a workbook, or a workbook with broken parts, fails inside the
                // Open XML SDK with one of several exception types.
                throw new ImportFileException(
                    "The file is a zip archive but not a readable Excel workbook: open it in Excel and save it "
                    + "again as \"Excel Workbook (*.xlsx)\".", exception);
            }
        }

        if (content.AsSpan().StartsWith(OleStart))
        {
            throw new ImportFileException(
                "The file is an Excel 97-2003 workbook (.xls), which is not supported: save it as \"Excel Workbook (*.xlsx)\".");
        }

        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportFileException(
                "The file is named .xlsx but is not a workbook: save it from Excel as \"Excel Workbook (*.xlsx)\".");
        }

        try
        {
            return CsvTableReader.Read(content, options.MaxRows);
        }
        catch (Exception exception)
            when (exception is Sylvan.Data.Csv.CsvFormatException or Sylvan.Data.Csv.CsvInvalidCharacterException)
        {
            throw new ImportFileException(
                $"The file is not valid CSV: {exception.Message} Save it from Excel as \"CSV UTF-8 (Comma delimited)\".",
                exception);
        }
    }
}
