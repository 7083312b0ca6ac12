using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;

namespace Pointspot.Api.Http;

/// <summary>One token bucket: <see cref="PermitLimit"/> requests per <see cref="Period"/>, refilled whole each period.</summary>
public sealed class RateLimitBucket
{
    public int PermitLimit { get; set; } = 20_000;

    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// The "RateLimits" configuration section. A request takes a permit from the bucket of its bearer
/// secret (API key or staff token) and one from the bucket of its remote address; without either
/// it is rejected with 429 and Retry-After. The defaults, 20,000 requests a second per credential and
/// per address, are above what one silo served in a trial on 2 cores (about 17,500 GraphQL requests
/// a second with no storage), so they do not throttle the benchmarks; operators lower them.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    public RateLimitBucket PerCredential { get; set; } = new();

    public RateLimitBucket PerAddress { get; set; } = new();
}

/// <summary>
/// The key of one rate-limited request or WebSocket operation: its bearer secret and its remote
/// address. A null or empty credential, or a null address, is not limited on that side.
/// </summary>
public readonly record struct RateLimitKey(string? Credential, string? Address);

/// <summary>
/// The per-credential and per-address token buckets, shared by HTTP requests (through the
/// ASP.NET Core rate limiting middleware), GraphQL WebSocket operations and dashboard hub calls,
/// so that one key has one budget whichever transport it uses.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    public ApiRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        Limiter = settings.Enabled
            ? PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<RateLimitKey, string>(key => ByCredential(key, settings.PerCredential)),
                PartitionedRateLimiter.Create<RateLimitKey, string>(key => ByAddress(key, settings.PerAddress)))
            : null;
    }

    /// <summary>The chained limiter; null when rate limits are disabled.</summary>
    public PartitionedRateLimiter<RateLimitKey>? Limiter { get; }

    /// <summary>
    /// Takes one permit for the key without waiting. Returns null when granted, otherwise the
    /// whole seconds (at least 1) after which a retry may succeed.
    /// </summary>
    public int? TryAcquire(RateLimitKey key)
    {
        if (Limiter is null)
        {
            return null;
        }

        using var lease = Limiter.AttemptAcquire(key);
        return lease.IsAcquired ? null : RetryAfterSeconds(lease);
    }

    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;

    /// <summary>The text of a rejection, the same over HTTP, WebSocket and SignalR.</summary>
    public static string RejectionMessage(int seconds) =>
        $"Too many requests from this API key, token or address: retry after {seconds} seconds.";

    public void Dispose() => Limiter?.Dispose();

    // NOTE: the partition is the bearer secret, not the staff member behind it, because resolving
    // a token needs a grain call and the limiter chooses partitions synchronously. A staff member
    // with two live tokens has two buckets.
    private static RateLimitPartition<string> ByCredential(RateLimitKey key, RateLimitBucket bucket) =>
        string.IsNullOrEmpty(key.Credential)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(key.Credential, _ => Options(bucket));

    private static RateLimitPartition<string> ByAddress(RateLimitKey key, RateLimitBucket bucket) =>
        key.Address is null
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(key.Address, _ => Options(bucket));

    private static TokenBucketRateLimiterOptions Options(RateLimitBucket bucket) => new()
    {
        TokenLimit = bucket.PermitLimit,
        TokensPerPeriod = bucket.PermitLimit,
        ReplenishmentPeriod = bucket.Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

public static class RateLimits
{
    public static IServiceCollection AddPointspotRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddSingleton<ApiRateLimiter>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<ApiRateLimiter>((options, limiter) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            options.GlobalLimiter = limiter.Limiter?.WithTranslatedKey<HttpContext>(KeyOf, leaveOpen: true);
        });
        return services;
    }

    /// <summary>The key of an HTTP request, which for a WebSocket is its upgrade request.</summary>
    public static RateLimitKey KeyOf(HttpContext http) => IsHealthCheck(http)
        ? new RateLimitKey(null, null)
        : new RateLimitKey(BearerSecrets.Read(http.Request), AddressOf(http));

    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "";

    private static bool IsHealthCheck(HttpContext http) => http.Request.Path.StartsWithSegments("/health");

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        int seconds = ApiRateLimiter.RetryAfterSeconds(context.Lease);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await UploadResponses.Error(ErrorCodes.RateLimited, ApiRateLimiter.RejectionMessage(seconds),
                StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(http);
    }
}
