using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Pointspot.Silo.Health;

/// <summary>Reports PostgreSQL healthy when a pooled connection runs <c>SELECT 1</c>.</summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(
        HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL ran SELECT 1.");
        }
        catch (NpgsqlException exception)
        {
            return HealthCheckResult.Unhealthy($"PostgreSQL is unreachable: {exception.Message}");
        }
    }
}
