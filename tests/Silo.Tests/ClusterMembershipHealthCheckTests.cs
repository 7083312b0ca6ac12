using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Pointspot.Silo.Health;

namespace Pointspot.Silo.Tests;

/// <summary>The readiness check on cluster membership, against snapshots built by hand.</summary>
public sealed class ClusterMembershipHealthCheckTests
{
    private static readonly SiloAddress Local = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);
    private static readonly SiloAddress Other = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11112), 1);

    [Fact]
    public async Task Check_LocalSiloActive_ReturnsHealthy()
    {
        var check = NewCheck((Local, SiloStatus.Active), (Other, SiloStatus.Active));

        HealthCheckResult result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("Active", result.Data["siloStatus"]);
        Assert.Equal(2, result.Data["activeSilos"]);
    }

    [Theory]
    [InlineData(SiloStatus.Joining)]
    [InlineData(SiloStatus.ShuttingDown)]
    [InlineData(SiloStatus.Dead)]
    public async Task Check_LocalSiloNotActive_ReturnsUnhealthy(SiloStatus status)
    {
        var check = NewCheck((Local, status), (Other, SiloStatus.Active));

        HealthCheckResult result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal(status.ToString(), result.Data["siloStatus"]);
        Assert.Contains($"is {status} in the cluster membership", result.Description);
    }

    [Fact]
    public async Task Check_LocalSiloMissing_ReturnsUnhealthy()
    {
        var check = NewCheck((Other, SiloStatus.Active));

        HealthCheckResult result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    private static ClusterMembershipHealthCheck NewCheck(params (SiloAddress Silo, SiloStatus Status)[] members)
    {
        var snapshot = new ClusterMembershipSnapshot(
            members.ToImmutableDictionary(m => m.Silo, m => new ClusterMember(m.Silo, m.Status, m.Silo.ToString())),
            new MembershipVersion(7));
        return new ClusterMembershipHealthCheck(new FixedMembership(snapshot), new LocalSilo(Local));
    }

    private sealed class FixedMembership(ClusterMembershipSnapshot snapshot) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot => snapshot;

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> TryKill(SiloAddress siloAddress) => throw new NotSupportedException();
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "local";

        public string ClusterId => "tests";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
