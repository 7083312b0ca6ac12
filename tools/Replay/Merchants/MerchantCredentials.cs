using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pointspot.Replay.Merchants;

/// <summary>The merchant a replay sends purchases to, as stored in the key file.</summary>
/// <param name="OwnerToken">
/// The owner's token from sign-up, valid for 12 hours; kept for follow-up checks by hand.
/// </param>
/// <param name="ApiKey">The secret of the API key the purchases are sent with.</param>
/// <param name="TimeZone">
/// The merchant's IANA time zone, which places each purchase on the shop's clock.
/// </param>
internal sealed record MerchantCredentials(
    string MerchantId,
    string OwnerToken,
    string ApiKey,
    string? TimeZone);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(MerchantCredentials))]
internal sealed partial class KeyFileJsonContext : JsonSerializerContext;

/// <summary>The JSON file that keeps a replay merchant's credentials between runs.</summary>
internal static class KeyFile
{
    /// <summary>
    /// Reads the credentials, or throws <see cref="SetupException"/> naming the file and the fix.
    /// </summary>
    public static MerchantCredentials Load(string path)
    {
        MerchantCredentials? credentials;
        try
        {
            using var stream = File.OpenRead(path);
            credentials = JsonSerializer.Deserialize(
                stream, KeyFileJsonContext.Default.MerchantCredentials);
        }
        catch (JsonException exception)
        {
            throw new SetupException(
                $"Key file {path} is not valid JSON ({exception.Message}): fix it, or delete it "
                + "to sign up a new merchant.");
        }

        if (credentials is null
            || string.IsNullOrEmpty(credentials.MerchantId)
            || string.IsNullOrEmpty(credentials.ApiKey))
        {
            throw new SetupException(
                $"Key file {path} has no merchantId or apiKey: delete it to sign up a new merchant.");
        }

        return credentials;
    }

    /// <summary>
    /// Writes the credentials readable and writable by the current user only (mode 600 on Unix).
    /// The file is written beside the target and then moved over it, so a crash never leaves a
    /// half-written key file.
    /// </summary>
    public static void Save(string path, MerchantCredentials credentials)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temporaryPath = fullPath + ".tmp";

        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporaryPath, options))
        {
            JsonSerializer.Serialize(stream, credentials, KeyFileJsonContext.Default.MerchantCredentials);
        }

        // UnixCreateMode applies only when the file is created, so a leftover .tmp file from an
        // earlier crash would keep its old mode without this.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporaryPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporaryPath, fullPath, overwrite: true);
    }
}
