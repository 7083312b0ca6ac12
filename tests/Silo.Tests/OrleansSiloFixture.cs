using Microsoft.Extensions.Hosting;
using Pointspot.Silo.Database;

namespace Pointspot.Silo.Tests;

/// <summary>
/// A running silo on a freshly migrated database, shared by the tests of one class.
/// </summary>
public sealed class OrleansSiloFixture : IAsyncLifetime
{
    public const int SiloPort = 21711;

    public const int GatewayPort = 31711;

    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(90);

    public TestDatabase Database { get; private set; } = null!;

    public IHost Host { get; private set; } = null!;

    public string ClusterId { get; } = $"providers-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        try
        {
            DatabaseMigrator.Apply(Database.ConnectionString, new ListLogger());

            // An ADO.NET provider that fails at start-up can abort the test process, so check
            // the schema first and fail with the verifier's message instead.
            SchemaVerifier.EnsureReady(Database.ConnectionString);

            Host = TestSiloHost.Build(Database.ConnectionString, ClusterId, SiloPort, GatewayPort);
            using var timeout = new CancellationTokenSource(StartStopTimeout);
            await Host.StartAsync(timeout.Token);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            using var timeout = new CancellationTokenSource(StartStopTimeout);
            await Host.StopAsync(timeout.Token);
            Host.Dispose();
        }

        await Database.DisposeAsync();
    }
}
