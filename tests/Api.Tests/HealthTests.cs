using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>/health/live and /health/ready of a running host.</summary>
[Collection(ApiCollection.Name)]
public sealed class HealthTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task Ready_RunningSilo_ReportsEachCheckHealthy()
    {
        (HttpStatusCode status, JsonNode body) = await GetHealthAsync(fixture.Host.BaseAddress, "health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["postgresql"]!["status"]!.GetValue<string>());
        JsonNode membership = body["checks"]!["orleans-membership"]!;
        Assert.Equal("Healthy", membership["status"]!.GetValue<string>());
        Assert.Equal("Active", membership["data"]!["siloStatus"]!.GetValue<string>());
        Assert.Equal(1, membership["data"]!["activeSilos"]!.GetValue<int>());
    }

    [Fact]
    public async Task Live_RunningSilo_Returns200()
    {
        (HttpStatusCode status, JsonNode body) = await GetHealthAsync(fixture.Host.BaseAddress, "health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
    }

    public static async Task<(HttpStatusCode Status, JsonNode Body)> GetHealthAsync(Uri baseAddress, string path)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = baseAddress };
        using HttpResponseMessage response = await http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

/// <summary>Readiness of a host whose database stops accepting connections, on a database of its own.</summary>
public sealed class HealthWithoutDatabaseTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync("health");

    public async Task DisposeAsync()
    {
        await AllowConnectionsAsync(true);
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Ready_DatabaseRejectsConnections_Returns503()
    {
        await using ApiHost host = await ApiHost.StartAsync(database.ConnectionString, $"health-{Guid.NewGuid():N}");

        await AllowConnectionsAsync(false);
        (HttpStatusCode downStatus, JsonNode downBody) = await HealthTests.GetHealthAsync(host.BaseAddress, "health/ready");
        (HttpStatusCode liveStatus, _) = await HealthTests.GetHealthAsync(host.BaseAddress, "health/live");
        await AllowConnectionsAsync(true);
        HttpStatusCode upStatus = await WaitForReadyAsync(host.BaseAddress);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, downStatus);
        Assert.Equal("Unhealthy", downBody["status"]!.GetValue<string>());
        JsonNode postgres = downBody["checks"]!["postgresql"]!;
        Assert.Equal("Unhealthy", postgres["status"]!.GetValue<string>());
        Assert.StartsWith("PostgreSQL is unreachable", postgres["description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal(HttpStatusCode.OK, upStatus);
    }

    /// <summary>
    /// Allows or forbids new connections to the test database; forbidding also ends the open ones,
    /// so the host's pooled connections fail too.
    /// </summary>
    private async Task AllowConnectionsAsync(bool allow)
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        string sql = $"ALTER DATABASE \"{database.Name}\" WITH ALLOW_CONNECTIONS {(allow ? "true" : "false")}";
        await using (var alter = new NpgsqlCommand(sql, connection))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allow)
        {
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                connection);
            terminate.Parameters.Add(new NpgsqlParameter { Value = database.Name });
            await terminate.ExecuteScalarAsync();
        }
    }

    /// <summary>Polls /health/ready until it returns 200 or 120 attempts have failed, and returns the last status.</summary>
    private static async Task<HttpStatusCode> WaitForReadyAsync(Uri baseAddress)
    {
        HttpStatusCode status = HttpStatusCode.ServiceUnavailable;
        for (int attempt = 0; attempt < 120 && status != HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(250);
            (status, _) = await HealthTests.GetHealthAsync(baseAddress, "health/ready");
        }

        return status;
    }
}
