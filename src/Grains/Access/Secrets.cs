using System.Security.Cryptography;

namespace Pointspot.Grains.Access;

/// <summary>
/// Bearer secrets: 32 random bytes behind a prefix that tells a token from a key. Only their
/// SHA-256 is stored; a secret of this length needs no slow hash, unlike a password.
/// </summary>
public static class Secrets
{
    public const string StaffTokenPrefix = "pst_";
    public const string ApiKeyPrefix = "psk_";
    public const string RefreshTokenPrefix = "psr_";
    public const string InvitationPrefix = "psi_";

    public static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return prefix + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    /// <summary>Returns the key of the credential grain of a secret: its SHA-256 in lowercase hex.</summary>
    public static string GrainKey(string secret) => Convert.ToHexStringLower(Hash(secret));
}
