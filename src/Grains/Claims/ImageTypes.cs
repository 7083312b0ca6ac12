namespace Pointspot.Grains.Claims;

/// <summary>Recognizes receipt photos by their leading bytes (magic numbers), never by a name or header.</summary>
public static class ImageTypes
{
    // ISO BMFF brands of HEIF images: heic, heix, hevc and hevx are HEVC-coded (iPhone photos),
    // mif1 and msf1 are the general HEIF brands.
    private static readonly string[] HeicBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis"];
    private static readonly string[] HeifBrands = ["mif1", "msf1"];

    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngStart = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Returns the media type of a JPEG, PNG, WebP or HEIC/HEIF image, or null for anything else.</summary>
    public static string? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(JpegStart))
        {
            return "image/jpeg";
        }

        if (bytes.StartsWith(PngStart))
        {
            return "image/png";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            string brand = System.Text.Encoding.ASCII.GetString(bytes[8..12]);
            if (HeicBrands.Contains(brand))
            {
                return "image/heic";
            }

            if (HeifBrands.Contains(brand))
            {
                return "image/heif";
            }
        }

        return null;
    }
}
