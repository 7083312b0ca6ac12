namespace Pointspot.Replay;

/// <summary>The settings of one replay, from the command line.</summary>
internal sealed record ReplayOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const int DefaultConcurrency = 64;
    public const string DefaultKeyFile = ".data/replay-key.json";
    public const string DefaultTimeZone = "Asia/Bangkok";

    /// <summary>The server's base address; requests go to {Url}/graphql.</summary>
    public Uri Url { get; init; } = new(DefaultUrl);

    public required string File { get; init; }

    /// <summary>Requests in flight at once, and the maximum of HTTP connections.</summary>
    public int Concurrency { get; init; } = DefaultConcurrency;

    /// <summary>An API key from the command line; when set, no key file is read or written.</summary>
    public string? ApiKey { get; init; }

    public string KeyFile { get; init; } = DefaultKeyFile;

    /// <summary>The --time-zone id, or null for the key file's zone or Asia/Bangkok.</summary>
    public string? TimeZone { get; init; }

    public Uri GraphQLEndpoint => new(Url.AbsoluteUri.TrimEnd('/') + "/graphql");
}
