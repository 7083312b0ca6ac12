using System.Security.Cryptography;
using System.Text;
using Pointspot.Grains.Interfaces.Access;

namespace Pointspot.Api.Http;

/// <summary>Bearer secrets of requests: read from the Authorization header and resolved to their caller.</summary>
public static class BearerSecrets
{
    private const string Scheme = "Bearer ";

    /// <summary>
    /// Reads the secret after "Bearer ". Returns null without an Authorization header, and an empty
    /// string for another scheme, so the caller can tell missing credentials from invalid ones.
    /// </summary>
    public static string? Read(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return header is null ? null : "";
        }

        return header[Scheme.Length..].Trim();
    }

    /// <summary>Resolves a secret through the credential grain keyed by the secret's SHA-256 in hex.</summary>
    public static Task<Caller?> ResolveAsync(IGrainFactory grains, string secret)
    {
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return grains.GetGrain<ICredentialGrain>(key).Resolve();
    }
}
