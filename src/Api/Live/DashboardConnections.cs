using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pointspot.Api.Live;

/// <summary>
/// The open dashboard hub connections of this silo with their staff tokens. Every
/// <see cref="LiveOptions.CredentialCheckInterval"/>, and before a push to a merchant whose
/// connections have a stale check, each token is resolved again. A connection whose token was
/// revoked, whose staff member was removed or whose token expired leaves its merchant's group and
/// is aborted.
/// </summary>
public sealed partial class DashboardConnections(
    IGrainFactory grains,
    IHubContext<DashboardHub> hub,
    IOptions<LiveOptions> options,
    TimeProvider clock,
    ILogger<DashboardConnections> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Connection> _connections = new();

    internal void Add(HubCallerContext context, Guid merchantId, string secret) =>
        _connections[context.ConnectionId] = new Connection(context, merchantId,
            new LiveCredential(grains, secret, options.Value.CredentialCheckInterval, clock));

    internal void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Checks the merchant's connections whose last check is older than the interval.</summary>
    public Task EnsureCredentialsAsync(Guid merchantId, CancellationToken cancellationToken) =>
        Task.WhenAll(_connections.Values
            .Where(connection => connection.MerchantId == merchantId && connection.Credential.IsStale)
            .Select(connection => CheckAsync(connection, cancellationToken)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CredentialCheckPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Task.WhenAll(_connections.Values.Select(connection => CheckAsync(connection, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(Connection connection, CancellationToken cancellationToken)
    {
        bool valid;
        try
        {
            valid = await connection.Credential.CheckAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Without a successful check no entry may go out; the client reconnects and calls
            // GetSnapshot again, as after any dropped connection.
            LogCheckFailed(exception, connection.Context.ConnectionId, connection.MerchantId);
            valid = false;
        }

        if (valid)
        {
            return;
        }

        Remove(connection.Context.ConnectionId);
        await hub.Groups.RemoveFromGroupAsync(connection.Context.ConnectionId,
            DashboardHub.GroupOf(connection.MerchantId), cancellationToken);
        connection.Context.Abort();
    }

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning,
        Message = "Checking the token of dashboard connection {ConnectionId} of merchant {MerchantId} failed: aborting it")]
    private partial void LogCheckFailed(Exception exception, string connectionId, Guid merchantId);

    private sealed record Connection(HubCallerContext Context, Guid MerchantId, LiveCredential Credential);
}
