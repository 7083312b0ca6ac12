using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Pointspot.Silo.Hosting;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>
/// The real Pointspot host (silo and Api in one process) listening on free loopback ports, built
/// by PointspotHost from configuration overrides as the production entry point builds it.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(90);

    private readonly WebApplication app;
    private bool stopped;

    private ApiHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The host's root address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Builds and starts a host on the database; applies the migrations first.</summary>
    public static async Task<ApiHost> StartAsync(
        string connectionString, string clusterId, IReadOnlyDictionary<string, string?>? settings = null)
    {
        int[] ports = FindFreePorts(3);
        var overrides = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Pointspot"] = connectionString,
            ["Urls"] = $"http://127.0.0.1:{ports[0]}",
            ["Orleans:SiloPort"] = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:ClusterId"] = clusterId,
            ["Orleans:ServiceId"] = "pointspot-api-tests",
            ["Orleans:AdvertisedIPAddress"] = "127.0.0.1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",

            // The tests' webhook receivers listen on 127.0.0.1.
            ["Webhooks:AllowPrivateAddresses"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        WebApplication app = PointspotHost.Build([], overrides);
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await app.StartAsync(timeout.Token);
        return new ApiHost(app, new Uri($"http://127.0.0.1:{ports[0]}/"));
    }

    /// <summary>Stops the host gracefully: the silo leaves the cluster and the ledger writer drains.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var timeout = new CancellationTokenSource(StartStopTimeout);
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// Returns distinct ports that were free on 127.0.0.1 a moment ago. Another process may take
    /// one before the host binds it, which fails the start with an address-in-use error.
    /// </summary>
    private static int[] FindFreePorts(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (TcpListener listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
