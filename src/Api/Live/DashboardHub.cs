using Microsoft.AspNetCore.SignalR;
using Pointspot.Api.Http;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Live;
using Pointspot.Grains.Interfaces.Merchants;

namespace Pointspot.Api.Live;

/// <summary>
/// The merchant dashboard's SignalR hub at /hubs/dashboard. A connection authenticates with a
/// staff sign-in token (the Authorization header, or the access_token query parameter that
/// browsers use for WebSockets) and joins its merchant's group. The dashboard pusher sends the
/// group every committed ledger entry as an "entries" message, and
/// <see cref="DashboardConnections"/> aborts the connection once its token stops resolving.
/// </summary>
public sealed class DashboardHub(
    IGrainFactory grains,
    ILedgerFeed feed,
    IDashboardReader reader,
    DashboardConnections connections,
    ApiRateLimiter rateLimiter) : Hub
{
    public const string Path = "/hubs/dashboard";
    public const string EntriesMessage = "entries";
    public const int LatestEntries = 20;
    private const string MerchantKey = "merchant";
    private const string SecretKey = "secret";

    public static string GroupOf(Guid merchantId) => $"merchant:{merchantId:N}";

    public override async Task OnConnectedAsync()
    {
        var http = Context.GetHttpContext();
        string? secret = http is null ? null : BearerSecrets.Read(http.Request);
        if (string.IsNullOrEmpty(secret) && http is not null)
        {
            secret = http.Request.Query["access_token"];
        }

        var caller = string.IsNullOrEmpty(secret) ? null : await BearerSecrets.ResolveAsync(grains, secret);
        if (caller is null || caller.Kind != CallerKind.Staff)
        {
            // HubException's message reaches the client in the close frame.
            throw new HubException(caller is null
                ? "The dashboard needs a staff sign-in token: sign in and pass the token as access_token."
                : "The dashboard is for the merchant's staff: an API key cannot open it; sign in instead.");
        }

        Context.Items[MerchantKey] = caller.MerchantId;
        Context.Items[SecretKey] = secret;
        connections.Add(Context, caller.MerchantId, secret!);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(caller.MerchantId));
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// Returns the day so far up to the feed's watermark. Entries messages with a sequence at or
    /// below the snapshot's throughSequence are already counted in it.
    /// </summary>
    public async Task<DashboardSnapshot> GetSnapshot()
    {
        var merchantId = (Guid)Context.Items[MerchantKey]!;

        // A call takes a rate limit permit as an HTTP request does.
        string? address = Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString();
        if (rateLimiter.TryAcquire(new RateLimitKey((string?)Context.Items[SecretKey], address ?? "")) is { } retryAfter)
        {
            throw new HubException($"{ErrorCodes.RateLimited}: {ApiRateLimiter.RejectionMessage(retryAfter)}");
        }

        await feed.WhenReadyAsync(Context.ConnectionAborted);
        var settings = await grains.GetGrain<IMerchantGrain>(merchantId).GetSettings()
            ?? throw new HubException($"Merchant {merchantId} does not exist: sign in again.");
        return await reader.ReadTodayAsync(merchantId, settings.TimeZone, feed.Watermark, LatestEntries,
            Context.ConnectionAborted);
    }
}
