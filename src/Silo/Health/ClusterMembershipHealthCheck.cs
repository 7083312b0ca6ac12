using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Pointspot.Silo.Health;

/// <summary>
/// Reports healthy while this silo is Active in the cluster membership as this silo last read
/// it: a silo that is still joining, shutting down or declared dead by the others must not get
/// requests from a load balancer.
/// </summary>
public sealed class ClusterMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        SiloStatus status = snapshot.GetSiloStatus(silo.SiloAddress);
        int active = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
        var data = new Dictionary<string, object>
        {
            ["silo"] = silo.SiloAddress.ToString(),
            ["siloStatus"] = status.ToString(),
            ["activeSilos"] = active,
            ["membershipVersion"] = snapshot.Version.Value,
        };

        var result = status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is Active in a cluster of {active} active silos.", data)
            : HealthCheckResult.Unhealthy(
                $"Silo {silo.SiloAddress} is {status} in the cluster membership, not Active.", data: data);
        return Task.FromResult(result);
    }
}
