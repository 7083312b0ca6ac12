using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Expiry;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;
using Pointspot.Grains.Transfers;
using Pointspot.Silo.Database;
using Pointspot.Silo.Hosting;

namespace Pointspot.Grains.Tests.Infrastructure;

/// <summary>
/// A two-silo Orleans test cluster running the Pointspot grains on a freshly migrated PostgreSQL
/// database, shared by every test class of the "cluster" collection.
/// </summary>
public sealed class PointspotClusterFixture : IAsyncLifetime
{
    /// <summary>The configuration key through which each silo learns the test database.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:PointspotTest";

    public TestDatabase Database { get; private set; } = null!;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>
    /// The points clock of every silo: the silos run in this process and share it. It follows
    /// the system clock unless a test sets it, and a test that sets it puts it back with
    /// <see cref="ResetPointsClock"/>.
    /// </summary>
    public static TestClock PointsTime { get; } = new();

    public static void ResetPointsClock() => PointsTime.Reset();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("grains");
        DatabaseMigrator.Apply(Database.ConnectionString, NullLogger.Instance);

        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.Properties[ConnectionStringKey] = Database.ConnectionString;
        builder.AddSiloBuilderConfigurator<PointspotSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }
    }

    /// <summary>Creates a merchant in Asia/Bangkok with the given earn rule and expiry policy.</summary>
    public async Task<Guid> CreateMerchantAsync(
        decimal spendPerPoint = 25.00m, decimal? minimumSpend = null, ExpiryPolicy? expiry = null)
    {
        var merchantId = Guid.NewGuid();
        var merchant = Grains.GetGrain<IMerchantGrain>(merchantId);
        await merchant.Initialize("Khao Man Gai Corner", "Asia/Bangkok");
        MerchantResult result = await merchant.SetEarnRule(spendPerPoint, minimumSpend, new Actor("staff", "owner"));
        Assert.Null(result.Error);
        if (expiry is not null)
        {
            MerchantResult expiryResult = await merchant.SetExpiryPolicy(expiry, new Actor("staff", "owner"));
            Assert.Null(expiryResult.Error);
        }

        return merchantId;
    }

    public IMemberGrain Member(Guid merchantId, string phone)
    {
        Assert.True(PhoneNumber.TryParse(phone, out PhoneNumber parsed, out string error), error);
        return Grains.GetGrain<IMemberGrain>(MemberKey.For(merchantId, parsed));
    }
}

/// <summary>Configures each test silo as PointspotHost configures the real one, minus the Api.</summary>
public sealed class PointspotSiloConfigurator : ISiloConfigurator
{
    /// <summary>Entries between two snapshots of a member in the test cluster.</summary>
    public const int MemberSnapshotEvery = 4;

    public void Configure(ISiloBuilder siloBuilder)
    {
        string connectionString = siloBuilder.Configuration[PointspotClusterFixture.ConnectionStringKey]
            ?? throw new InvalidOperationException(
                $"The test cluster has no {PointspotClusterFixture.ConnectionStringKey} property.");

        siloBuilder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        siloBuilder.Services.AddSingleton(new PointsClock(PointspotClusterFixture.PointsTime));
        siloBuilder.Services.AddPointspotGrains();

        // An unfinished transfer is resumed after two seconds, so a test can wait for it.
        siloBuilder.Services.Configure<TransferOptions>(options => options.ResumeDelay = TimeSpan.FromSeconds(2));

        // A snapshot every 4 entries, so that the tests which deactivate a member with a few
        // entries also rebuild it from a snapshot.
        siloBuilder.Services.Configure<MemberOptions>(options => options.SnapshotEvery = MemberSnapshotEvery);

        // Tests run the expiry with IExpiryGrain.RunOnce at the moment they choose, so the
        // reminder's own first run comes after the tests have finished.
        siloBuilder.Services.Configure<ExpiryOptions>(options => options.FirstRunDelay = TimeSpan.FromHours(1));
        siloBuilder.AddAdoNetGrainStorage(PointspotHost.GrainStorageName, optionsBuilder =>
            optionsBuilder.Configure<Serializer>((options, serializer) =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        siloBuilder.UseAdoNetReminderService(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        });
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PointspotClusterFixture>
{
    public const string Name = "cluster";
}
