using Npgsql;

namespace Pointspot.Tests.Infrastructure;

/// <summary>
/// An empty PostgreSQL database with a unique name, created on the server that
/// POINTSPOT_TEST_CONNECTION points at and dropped with all its connections on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ConnectionVariable = "POINTSPOT_TEST_CONNECTION";

    private readonly string serverConnectionString;

    private TestDatabase(string serverConnectionString, string name)
    {
        this.serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }
            .ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string Name { get; }

    /// <summary>Connection string of this database, with the server's credentials.</summary>
    public string ConnectionString { get; }

    /// <summary>Connections for the test's own queries, apart from the ones the code under test opens.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Creates a database named after <paramref name="purpose"/> and a random suffix.</summary>
    public static async Task<TestDatabase> CreateAsync(string purpose)
    {
        string serverConnectionString = ReadServerConnectionString();
        string name = $"pointspot_{purpose}_{Guid.NewGuid():N}";

        await using (var connection = new NpgsqlConnection(serverConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase(serverConnectionString, name);
    }

    public async Task<T> QueryScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (object value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        object? result = await command.ExecuteScalarAsync();
        return (T)result!;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (object value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads a member's ledger rows in sequence order, as PostgreSQL stores them.</summary>
    public async Task<List<StoredRow>> ReadLedgerAsync(Guid merchantId, string phone)
    {
        const string sql = """
            SELECT entry_id, seq, kind, points, balance_after, lifetime_after, amount, receipt_number,
                   idempotency_key
            FROM point_ledger WHERE merchant_id = $1 AND phone = $2 ORDER BY seq
            """;
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = merchantId });
        command.Parameters.Add(new NpgsqlParameter { Value = phone });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredRow(
                reader.GetInt64(0),
                reader.GetInt64(1),
                reader.GetString(2),
                reader.GetInt64(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetString(8)));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();

        // Pooled connections of the code under test would block DROP DATABASE; FORCE
        // (PostgreSQL 13 or later) ends any that are still open.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ReadServerConnectionString()
    {
        string? value = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Environment variable {ConnectionVariable} is not set. These tests need a PostgreSQL server "
                + "where the user may run CREATE DATABASE, for example "
                + $"{ConnectionVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\".");
        }

        return value;
    }
}

/// <summary>One row of point_ledger, read straight from the table.</summary>
public sealed record StoredRow(
    long EntryId,
    long Sequence,
    string Kind,
    long Points,
    long BalanceAfter,
    long LifetimeAfter,
    decimal? Amount,
    string? ReceiptNumber,
    string IdempotencyKey);
