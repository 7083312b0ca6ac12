using Npgsql;

namespace Pointspot.Silo.Database;

/// <summary>
/// Checks, before Orleans starts, that the database has every migration and Orleans query.
/// </summary>
/// <remarks>
/// A missing query makes an Orleans ADO.NET provider fail while the silo starts, and the grain
/// storage provider then reports only "Sequence contains no matching element". This check names
/// what is missing and how to fix it before that happens.
/// </remarks>
public static class SchemaVerifier
{
    private const string ApplyHint =
        "Start the silo with Database:ApplyMigrations=true, or call DatabaseMigrator.Apply, to apply it.";

    /// <summary>
    /// Returns one readable sentence per problem, or an empty list when the schema is ready.
    /// </summary>
    /// <remarks>
    /// Reports an unreachable database (naming host, port and database, never the password),
    /// every embedded migration script that dbup's journal does not list, and every key of
    /// <see cref="OrleansQueryKeys.All"/> missing from the OrleansQuery table.
    /// </remarks>
    public static IReadOnlyList<string> FindProblems(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            return [$"The database connection string is invalid: {ex.Message}"];
        }

        using var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return [$"Cannot connect to PostgreSQL at {DescribeServer(settings)}: {ex.Message}. "
                + "Check that the server is running and that the connection string is right."];
        }

        try
        {
            return FindSchemaProblems(connection);
        }
        catch (NpgsqlException ex)
        {
            return [$"Cannot read the schema of {DescribeServer(settings)}: {ex.Message}"];
        }
    }

    /// <summary>
    /// Throws <see cref="SchemaNotReadyException"/>, listing every problem that
    /// <see cref="FindProblems"/> finds, unless there is none.
    /// </summary>
    public static void EnsureReady(string connectionString)
    {
        IReadOnlyList<string> problems = FindProblems(connectionString);

        if (problems.Count > 0)
        {
            throw new SchemaNotReadyException(problems);
        }
    }

    private static List<string> FindSchemaProblems(NpgsqlConnection connection)
    {
        var problems = new List<string>();

        HashSet<string> appliedScripts = ReadAppliedScripts(connection);
        foreach (string fileName in MigrationScripts.FileNames())
        {
            if (!appliedScripts.Contains(fileName))
            {
                problems.Add($"Schema is outdated: migration {fileName} has not been applied. {ApplyHint}");
            }
        }

        HashSet<string>? queryKeys = ReadOrleansQueryKeys(connection);
        if (queryKeys is null)
        {
            problems.Add("Table OrleansQuery does not exist, so the Orleans ADO.NET providers cannot "
                + "load their queries. Migration 0001_orleans_clustering.sql creates it.");
            return problems;
        }

        foreach (OrleansQueryKey expected in OrleansQueryKeys.All)
        {
            if (queryKeys.Contains(expected.Key))
            {
                continue;
            }

            string fix = appliedScripts.Contains(expected.MigrationFileName)
                ? $"Restore its row from migration {expected.MigrationFileName}."
                : $"Migration {expected.MigrationFileName} inserts it.";
            problems.Add($"Orleans query key {expected.Key} is missing from table OrleansQuery, "
                + $"so the ADO.NET {expected.Provider} provider cannot start. {fix}");
        }

        return problems;
    }

    // An empty set means no script has been applied, which is also the case when dbup has not
    // created its journal table yet.
    private static HashSet<string> ReadAppliedScripts(NpgsqlConnection connection)
    {
        string journal = $"{MigrationScripts.JournalSchema}.{MigrationScripts.JournalTable}";
        if (!TableExists(connection, journal))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return ReadStrings(connection, $"SELECT scriptname FROM {journal}");
    }

    // Returns null when the table is missing. The name is resolved through search_path, as the
    // Orleans providers resolve it.
    private static HashSet<string>? ReadOrleansQueryKeys(NpgsqlConnection connection)
    {
        if (!TableExists(connection, "orleansquery"))
        {
            return null;
        }

        return ReadStrings(connection, "SELECT querykey FROM orleansquery");
    }

    private static bool TableExists(NpgsqlConnection connection, string qualifiedName)
    {
        using var command = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection);
        command.Parameters.AddWithValue("name", qualifiedName);
        return (bool)command.ExecuteScalar()!;
    }

    private static HashSet<string> ReadStrings(NpgsqlConnection connection, string query)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        using var command = new NpgsqlCommand(query, connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static string DescribeServer(NpgsqlConnectionStringBuilder settings)
    {
        string host = string.IsNullOrEmpty(settings.Host) ? "localhost" : settings.Host;
        string database = string.IsNullOrEmpty(settings.Database) ? "(default)" : settings.Database;
        return $"{host}:{settings.Port}, database \"{database}\"";
    }
}
