using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Pointspot.Silo.Tests;

/// <summary>
/// Builds a one-silo Orleans host whose clustering, grain storage and reminders all use the
/// ADO.NET providers on PostgreSQL.
/// </summary>
public static class TestSiloHost
{
    public const string Invariant = "Npgsql";

    public const string ServiceId = "pointspot-silo-tests";

    public static IHost Build(
        string connectionString,
        string clusterId,
        int siloPort,
        int gatewayPort,
        Action<ISiloBuilder>? configure = null)
    {
        return new HostBuilder()
            .UseOrleans(silo =>
            {
                silo.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = ServiceId;
                });
                silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
                silo.UseAdoNetClustering(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                });
                silo.AddAdoNetGrainStorage(SampleGrain.StorageName, options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                });
                silo.UseAdoNetReminderService(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                });
                configure?.Invoke(silo);
            })
            .Build();
    }

    /// <summary>Builds a client host that finds the silo's gateway through the membership table.</summary>
    public static IHost BuildClient(string connectionString, string clusterId)
    {
        return new HostBuilder()
            .UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = clusterId;
                    options.ServiceId = ServiceId;
                });
                client.UseAdoNetClustering(options =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                });
            })
            .Build();
    }
}
