using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Pointspot.Api;
using Pointspot.Grains;
using Pointspot.Silo.Database;
using Pointspot.Silo.Health;
using Pointspot.Silo.Logging;

namespace Pointspot.Silo.Hosting;

/// <summary>Builds the silo with the Api co-hosted in it, from configuration.</summary>
public static class PointspotHost
{
    /// <summary>The name of the grain storage provider that stores merchant settings.</summary>
    public const string GrainStorageName = "pointspot";

    public const string ConnectionStringName = "Pointspot";

    /// <summary>
    /// Applies the schema migrations (unless Database:ApplyMigrations is false), checks the
    /// schema and builds the host. Throws <see cref="SchemaNotReadyException"/> when the schema
    /// is missing or outdated, before any Orleans provider touches it.
    /// </summary>
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        string connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No connection string: set ConnectionStrings:{ConnectionStringName} in appsettings.json or the "
                + $"environment variable ConnectionStrings__{ConnectionStringName}.");
        var orleans = builder.Configuration.GetSection("Orleans").Get<OrleansHostOptions>() ?? new OrleansHostOptions();

        builder.Logging.AddPointspotConsole();
        PrepareDatabase(builder.Configuration, connectionString);

        // Registered before the silo, so the ledger writer outlives it at shutdown.
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddPointspotGrains();
        builder.Services.AddPointspotLive();
        builder.Services.AddPointspotApi();
        builder.Services.AddPointspotHealthChecks();
        builder.Services.AddPointspotMetrics();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = orleans.ClusterId;
                options.ServiceId = orleans.ServiceId;
            });
            ConfigureEndpoints(silo, orleans);
            silo.AddIncomingGrainCallFilter<RequestLogScopeFilter>();
            // Idle activations are collected after Orleans:GrainCollection:CollectionAge
            // (Orleans' default is 15 minutes); the memory benchmark shortens it.
            silo.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:GrainCollection"));
            // Failure detection (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, ...) decides
            // how long calls to the members of a crashed silo fail with UNAVAILABLE. The fault
            // tests shorten it.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.AddAdoNetGrainStorage(GrainStorageName, optionsBuilder => optionsBuilder.Configure<Serializer>(
                (options, serializer) =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = connectionString;

                    // Orleans' own binary format with [Id] fields and [Alias] type names, so a
                    // renamed class does not orphan stored state as assembly-qualified JSON would.
                    options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
        });

        var app = builder.Build();
        app.UseRateLimiter();
        app.MapPointspotApi();
        app.MapPointspotHealth();
        app.MapPointspotMetrics();
        return app;
    }

    private static void PrepareDatabase(IConfiguration configuration, string connectionString)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole()
            .AddPointspotConsole());
        var logger = loggerFactory.CreateLogger("Pointspot.Database");
        if (configuration.GetValue("Database:ApplyMigrations", defaultValue: true))
        {
            DatabaseMigrator.Apply(connectionString, logger);
        }

        SchemaVerifier.EnsureReady(connectionString);
    }

    /// <summary>
    /// Sets the silo's addresses. In Kubernetes (Orleans:Kubernetes:Enabled), Orleans' Kubernetes
    /// hosting takes the cluster and service ids and the advertised address from the pod
    /// (ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID, POD_IP, POD_NAME, POD_NAMESPACE), listens on all
    /// addresses and deletes the pods of silos that the cluster declared dead.
    /// </summary>
    private static void ConfigureEndpoints(ISiloBuilder silo, OrleansHostOptions orleans)
    {
        if (orleans.Kubernetes.Enabled)
        {
            // Orleans' own default, which runs before the Kubernetes hosting's, would advertise the
            // address of the first network interface instead of the pod's.
            string? podIP = Environment.GetEnvironmentVariable("POD_IP");
            silo.Configure<EndpointOptions>(options =>
            {
                options.SiloPort = orleans.SiloPort;
                options.GatewayPort = orleans.GatewayPort;
                if (podIP is not null)
                {
                    options.AdvertisedIPAddress = IPAddress.Parse(podIP);
                }
            });
            silo.UseKubernetesHosting();
            return;
        }

        silo.ConfigureEndpoints(IPAddress.Parse(orleans.AdvertisedIPAddress), orleans.SiloPort, orleans.GatewayPort,
            listenOnAnyHostAddress: false);
    }
}

/// <summary>The "Orleans" configuration section.</summary>
public sealed class OrleansHostOptions
{
    public string ClusterId { get; set; } = "pointspot";

    /// <summary>Part of every grain storage key: changing it orphans the stored merchant settings.</summary>
    public string ServiceId { get; set; } = "pointspot";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    public KubernetesHostOptions Kubernetes { get; set; } = new();
}

/// <summary>The "Orleans:Kubernetes" configuration section.</summary>
public sealed class KubernetesHostOptions
{
    /// <summary>Whether the silo runs in a Kubernetes pod and uses Orleans' Kubernetes hosting.</summary>
    public bool Enabled { get; set; }
}
