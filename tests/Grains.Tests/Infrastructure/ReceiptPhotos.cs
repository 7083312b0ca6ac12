namespace Pointspot.Tests.Infrastructure;

/// <summary>Byte arrays that start like real image files, for the claim tests.</summary>
public static class ReceiptPhotos
{
    public static byte[] Jpeg(int length = 2048) => WithStart(length, 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F');

    public static byte[] Png(int length = 2048) => WithStart(length, 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);

    public static byte[] WebP(int length = 2048) =>
        WithStart(length, (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0x00, 0x08, 0x00, 0x00, (byte)'W', (byte)'E', (byte)'B', (byte)'P');

    public static byte[] Heic(int length = 2048) =>
        WithStart(length, 0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', (byte)'c');

    public static byte[] Pdf(int length = 2048) => WithStart(length, (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1');

    private static byte[] WithStart(int length, params byte[] start)
    {
        var bytes = new byte[length];
        start.CopyTo(bytes, 0);
        for (int i = start.Length; i < length; i++)
        {
            bytes[i] = (byte)(i * 31);
        }

        return bytes;
    }
}
