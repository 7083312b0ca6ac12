using Pointspot.Grains.Claims;

namespace Pointspot.Grains.Tests.Claims;

public sealed class ImageTypesTests
{
    [Fact]
    public void Detect_KnownImages_ReturnsMediaType()
    {
        Assert.Equal("image/jpeg", ImageTypes.Detect(ReceiptPhotos.Jpeg()));
        Assert.Equal("image/png", ImageTypes.Detect(ReceiptPhotos.Png()));
        Assert.Equal("image/webp", ImageTypes.Detect(ReceiptPhotos.WebP()));
        Assert.Equal("image/heic", ImageTypes.Detect(ReceiptPhotos.Heic()));
    }

    [Fact]
    public void Detect_OtherBytes_ReturnsNull()
    {
        Assert.Null(ImageTypes.Detect(ReceiptPhotos.Pdf()));
        Assert.Null(ImageTypes.Detect("GIF89a"u8));
        Assert.Null(ImageTypes.Detect("RIFF\0\0\0\0WAVE"u8));
        Assert.Null(ImageTypes.Detect([0xFF, 0xD8]));
        Assert.Null(ImageTypes.Detect([]));
    }
}
