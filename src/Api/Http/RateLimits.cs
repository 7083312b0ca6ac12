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

public static class RateLimits
{
    public static IServiceCollection AddPointspotRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((options, limits) =>
        {
            var settings = limits.Value;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            if (settings.Enabled)
            {
                options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                    PartitionedRateLimiter.Create<HttpContext, string>(http => ByCredential(http, settings.PerCredential)),
                    PartitionedRateLimiter.Create<HttpContext, string>(http => ByAddress(http, settings.PerAddress)));
            }
        });
        return services;
    }

    // NOTE: the partition is the bearer secret, not the staff member behind it, because resolving
    // a token needs a grain call and the limiter chooses partitions synchronously. A staff member
    // with two live tokens has two buckets.
    private static RateLimitPartition<string> ByCredential(HttpContext http, RateLimitBucket bucket)
    {
        string? secret = BearerSecrets.Read(http.Request);
        return string.IsNullOrEmpty(secret) || IsHealthCheck(http)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(secret, _ => Options(bucket));
    }

    private static RateLimitPartition<string> ByAddress(HttpContext http, RateLimitBucket bucket)
    {
        string address = http.Connection.RemoteIpAddress?.ToString() ?? "";
        return IsHealthCheck(http)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetTokenBucketLimiter(address, _ => Options(bucket));
    }

    private static bool IsHealthCheck(HttpContext http) => http.Request.Path.StartsWithSegments("/health");

    private static TokenBucketRateLimiterOptions Options(RateLimitBucket bucket) => new()
    {
        TokenLimit = bucket.PermitLimit,
        TokensPerPeriod = bucket.PermitLimit,
        ReplenishmentPeriod = bucket.Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask WriteRejectionAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        int seconds = 1;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
        {
            seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        }

        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await UploadResponses.Error(ErrorCodes.RateLimited,
                $"Too many requests from this API key, token or address: retry after {seconds} seconds.",
                StatusCodes.Status429TooManyRequests)
            .ExecuteAsync(http);
    }
}
