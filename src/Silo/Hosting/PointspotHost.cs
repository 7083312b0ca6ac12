using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Pointspot.Api;
using Pointspot.Grains;
using Pointspot.Silo.Database;

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

        PrepareDatabase(builder.Configuration, connectionString);

        // Registered before the silo, so the ledger writer outlives it at shutdown.
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddPointspotGrains();
        builder.Services.AddPointspotLive();
        builder.Services.AddPointspotApi();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = orleans.ClusterId;
                options.ServiceId = orleans.ServiceId;
            });
            // Idle activations are collected after Orleans:GrainCollection:CollectionAge
            // (Orleans' default is 15 minutes); the memory benchmark shortens it.
            silo.Configure<GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:GrainCollection"));
            // Failure detection (Orleans:Membership:ProbeTimeout, NumMissedProbesLimit, ...) decides
            // how long calls to the members of a crashed silo fail with UNAVAILABLE. The fault
            // tests shorten it.
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Orleans:Membership"));
            silo.ConfigureEndpoints(IPAddress.Parse(orleans.AdvertisedIPAddress), orleans.SiloPort, orleans.GatewayPort,
                listenOnAnyHostAddress: false);
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
        app.MapPointspotApi();
        app.MapHealth();
        return app;
    }

    private static void PrepareDatabase(IConfiguration configuration, string connectionString)
    {
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
        var logger = loggerFactory.CreateLogger("Pointspot.Database");
        if (configuration.GetValue("Database:ApplyMigrations", defaultValue: true))
        {
            DatabaseMigrator.Apply(connectionString, logger);
        }

        SchemaVerifier.EnsureReady(connectionString);
    }

    private static void MapHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Text("live\n"));
        app.MapGet("/health/ready", async (NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return Results.Text("ready\n");
            }
            catch (NpgsqlException exception)
            {
                return Results.Text($"not ready: PostgreSQL is unreachable ({exception.Message})\n",
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
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
}
