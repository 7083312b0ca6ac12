using Pointspot.Replay.Merchants;

namespace Pointspot.Replay.Tests;

public sealed class KeyFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("replay-key-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveThenLoad_RoundTrips()
    {
        string path = Path.Combine(folder, "nested", "key.json");
        var credentials = new MerchantCredentials("m1", "pst_owner", "psk_device", "Asia/Bangkok");

        KeyFile.Save(path, credentials);

        Assert.Equal(credentials, KeyFile.Load(path));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Save_OverLeftoverTemporaryFile_StillOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(folder, "key.json");
        File.WriteAllText(path + ".tmp", "left over");
        File.SetUnixFileMode(path + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        KeyFile.Save(path, new MerchantCredentials("m1", "pst_owner", "psk_device", null));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Load_WithoutApiKey_ThrowsWithFix()
    {
        string path = Path.Combine(folder, "key.json");
        File.WriteAllText(path, """{"merchantId":"m1","ownerToken":"pst_owner"}""");

        var exception = Assert.Throws<SetupException>(() => KeyFile.Load(path));

        Assert.Contains("has no merchantId or apiKey", exception.Message);
        Assert.Contains("delete it", exception.Message);
    }

    [Fact]
    public void Load_WithoutTimeZone_LeavesItNull()
    {
        string path = Path.Combine(folder, "key.json");
        File.WriteAllText(path, """{"merchantId":"m1","ownerToken":"pst_owner","apiKey":"psk_device"}""");

        Assert.Null(KeyFile.Load(path).TimeZone);
    }
}
