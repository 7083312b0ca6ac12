using System.Text;

namespace Pointspot.Grains.Imports;

/// <summary>
/// Decodes the bytes of a CSV file. Excel saves "CSV UTF-8" with a byte order mark, "Unicode
/// Text" as UTF-16 with one, and plain "CSV" on a Thai Windows in code page 874 (TIS-620 plus a
/// few punctuation marks). Anything else is rejected whole rather than guessed.
/// </summary>
public static class ImportText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16LittleEndian = new UnicodeEncoding(false, false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(true, false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> Windows874 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(874, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>Returns the text and the name of the encoding it was read in.</summary>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]))
        {
            return (DecodeStrict(StrictUtf8, bytes, 3, "UTF-8"), "UTF-8 with BOM");
        }

        if (bytes.AsSpan().StartsWith((byte[])[0xFF, 0xFE]))
        {
            return (DecodeStrict(StrictUtf16LittleEndian, bytes, 2, "UTF-16"), "UTF-16LE");
        }

        if (bytes.AsSpan().StartsWith((byte[])[0xFE, 0xFF]))
        {
            return (DecodeStrict(StrictUtf16BigEndian, bytes, 2, "UTF-16"), "UTF-16BE");
        }

        int zero = Array.IndexOf(bytes, (byte)0);
        if (zero >= 0)
        {
            throw new ImportFileException(
                $"The file has a zero byte at offset {zero}, so it is binary or UTF-16 text without a byte order mark: "
                + "save it from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\" or as .xlsx.");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            int invalid = FirstInvalidThaiByte(bytes);
            if (invalid < 0)
            {
                return (Windows874.Value.GetString(bytes), "Windows-874 (TIS-620)");
            }

            throw new ImportFileException(
                $"The file is neither UTF-8 nor Thai Windows-874 (TIS-620) text: byte 0x{bytes[invalid]:X2} at offset "
                + $"{invalid} fits neither. Save it from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\" or as .xlsx.");
        }
    }

    private static string DecodeStrict(Encoding encoding, byte[] bytes, int skip, string name)
    {
        try
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException exception)
        {
            string offset = exception.Index >= 0 ? $" near offset {exception.Index + skip}" : "";
            throw new ImportFileException(
                $"The file starts with a {name} byte order mark but holds bytes that are not {name}{offset}: "
                + "save it again from Excel as \"CSV UTF-8 (Comma delimited) (*.csv)\".");
        }
    }

    /// <summary>
    /// Returns the offset of the first byte that rules out Windows-874, or -1 when every byte fits
    /// and at least one Thai letter is present. Thai vowel and tone marks combine with the letter
    /// before them, so a mark after a Latin letter (as "é" in Latin-1 would read) rules it out.
    /// </summary>
    private static int FirstInvalidThaiByte(byte[] bytes)
    {
        bool sawThai = false;
        int firstHigh = -1;
        for (int i = 0; i < bytes.Length; i++)
        {
            byte value = bytes[i];
            if (value < 0x80)
            {
                continue;
            }

            if (firstHigh < 0)
            {
                firstHigh = i;
            }

            bool punctuation = value is 0x80 or 0x85 or (>= 0x91 and <= 0x97) or 0xA0;
            bool thai = value is (>= 0xA1 and <= 0xDA) or (>= 0xDF and <= 0xFB);
            if (!punctuation && !thai)
            {
                return i;
            }

            bool combining = value is 0xD1 or (>= 0xD4 and <= 0xDA) or (>= 0xE7 and <= 0xEE);
            if (combining && (i == 0 || bytes[i - 1] is < 0xA1 or > 0xFB))
            {
                return i;
            }

            sawThai |= thai;
        }

        return sawThai ? -1 : firstHigh;
    }
}
