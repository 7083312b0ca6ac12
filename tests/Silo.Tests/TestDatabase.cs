using Npgsql;

namespace Pointspot.Silo.Tests;

/// <summary>
/// An empty PostgreSQL database with a unique name, created on the server that
/// POINTSPOT_TEST_CONNECTION points at and dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ConnectionVariable = "POINTSPOT_TEST_CONNECTION";

    private readonly string serverConnectionString;

    private TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    /// <summary>Connection string for this database, with the server's credentials.</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        string serverConnectionString = ReadServerConnectionString();
        string name = $"pointspot_silo_test_{Guid.NewGuid():N}";

        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        return new TestDatabase(serverConnectionString, name, builder.ConnectionString);
    }

    public async Task<T?> QueryScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach ((string parameterName, object value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        object? result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach ((string parameterName, object value) in parameters)
        {
            command.Parameters.AddWithValue(parameterName, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections, including the Orleans providers' own, would block DROP DATABASE.
        // FORCE (PostgreSQL 13 or later) ends any that are still open.
        NpgsqlConnection.ClearAllPools();

        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ReadServerConnectionString()
    {
        string? value = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Environment variable {ConnectionVariable} is not set. These tests need a PostgreSQL "
                + "server where the user may run CREATE DATABASE, for example "
                + $"{ConnectionVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\".");
        }

        return value;
    }
}
