using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Pointspot.Silo.Database;

namespace Pointspot.Silo.Tests;

/// <summary>
/// Starts and stops a silo of its own, so that the membership rows of a whole silo lifetime,
/// including cleanup after it stops, can be checked.
/// </summary>
public sealed class SiloLifecycleTests : IAsyncLifetime
{
    private const int SiloPort = 21712;
    private const int GatewayPort = 31712;
    private const int ActiveStatus = 3;
    private const int DeadStatus = 6;

    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(90);

    private readonly string clusterId = $"lifecycle-{Guid.NewGuid():N}";
    private TestDatabase database = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());
        SchemaVerifier.EnsureReady(database.ConnectionString);
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Silo_StartRunStop_UpdatesMembershipRows()
    {
        using IHost host = TestSiloHost.Build(
            database.ConnectionString,
            clusterId,
            SiloPort,
            GatewayPort,
            silo => silo.Configure<ClusterMembershipOptions>(options =>
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1)));

        using (var timeout = new CancellationTokenSource(StartStopTimeout))
        {
            await host.StartAsync(timeout.Token);
        }

        Assert.Equal(ActiveStatus, await ReadMemberStatusAsync());

        DateTime firstAliveTime = await ReadIAmAliveTimeAsync();
        DateTime laterAliveTime = firstAliveTime;
        for (int attempt = 0; attempt < 40 && laterAliveTime <= firstAliveTime; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            laterAliveTime = await ReadIAmAliveTimeAsync();
        }

        Assert.True(laterAliveTime > firstAliveTime,
            $"The silo should refresh its liveness time every second, but it stayed at {firstAliveTime:O}.");

        using (var timeout = new CancellationTokenSource(StartStopTimeout))
        {
            await host.StopAsync(timeout.Token);
        }

        Assert.Equal(DeadStatus, await ReadMemberStatusAsync());

        // Cleanup removes dead members whose last liveness time is before the cut-off.
        IMembershipTable membershipTable = host.Services.GetRequiredService<IMembershipTable>();
        await membershipTable.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddSeconds(5));

        long membersAfterCleanup = await database.QueryScalarAsync<long>(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = @cluster", ("cluster", clusterId));
        Assert.Equal(0L, membersAfterCleanup);

        await membershipTable.DeleteMembershipTableEntriesAsync(clusterId);

        long versionRows = await database.QueryScalarAsync<long>(
            "SELECT count(*) FROM orleans_membership_version WHERE deployment_id = @cluster",
            ("cluster", clusterId));
        Assert.Equal(0L, versionRows);
    }

    private async Task<int?> ReadMemberStatusAsync() =>
        await database.QueryScalarAsync<int?>(
            "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port",
            ("cluster", clusterId),
            ("port", SiloPort));

    private async Task<DateTime> ReadIAmAliveTimeAsync() =>
        await database.QueryScalarAsync<DateTime>(
            "SELECT i_am_alive_time FROM orleans_membership WHERE deployment_id = @cluster AND port = @port",
            ("cluster", clusterId),
            ("port", SiloPort));
}
