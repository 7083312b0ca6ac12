using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pointspot.Silo.Database;

/// <summary>
/// Applies the embedded SQL migrations to PostgreSQL with dbup.
/// </summary>
public static partial class DatabaseMigrator
{
    /// <summary>Key of the PostgreSQL advisory lock that serializes migrations: "Points" in ASCII.</summary>
    private const long MigrationLockKey = 0x506F696E7473;

    /// <summary>
    /// Applies every embedded migration script that dbup's journal does not list yet, in file
    /// name order, and logs each script once it is applied. Scripts already applied are skipped,
    /// so a second call does nothing. The database itself must already exist.
    /// </summary>
    /// <remarks>
    /// Each script runs in its own transaction, so a failed script leaves no partial changes.
    /// A statement that PostgreSQL rejects inside a transaction, such as CREATE INDEX
    /// CONCURRENTLY, cannot be used in a script. dbup's $name$ variable substitution is off,
    /// so scripts may use dollar-quoted bodies freely.
    /// </remarks>
    /// <exception cref="DatabaseMigrationException">A script failed or the database is
    /// unreachable. The message names the script.</exception>
    public static void Apply(string connectionString, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);

        // Silos that start together (the replicas of a Kubernetes Deployment, several instances
        // of a systemd template) take turns: the first applies the scripts, and the others then
        // find them in the journal. The lock belongs to this unpooled session, so PostgreSQL
        // also releases it when the process dies.
        var lockConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            CommandTimeout = 0,
        };
        using var lockConnection = new NpgsqlConnection(lockConnectionString.ConnectionString);
        try
        {
            lockConnection.Open();
            using var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection);
            lockCommand.ExecuteNonQuery();
        }
        catch (NpgsqlException exception)
        {
            throw new DatabaseMigrationException(null, exception);
        }

        ApplyScripts(connectionString, logger);
    }

    private static void ApplyScripts(string connectionString, ILogger logger)
    {
        IEnumerable<SqlScript> scripts = MigrationScripts.FileNames()
            .Select(fileName => new SqlScript(fileName, MigrationScripts.ReadText(fileName)));

        UpgradeEngine upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScripts(scripts)
            .JournalToPostgresqlTable(MigrationScripts.JournalSchema, MigrationScripts.JournalTable)
            .WithTransactionPerScript()
            .WithVariablesDisabled()
            .LogTo(new DbUpLogAdapter(logger))
            .Build();

        upgrader.ScriptExecuted += (_, args) =>
            LogMigrationApplied(logger, ((ScriptExecutedEventArgs)args).Script.Name);

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();

        if (!result.Successful)
        {
            throw new DatabaseMigrationException(result.ErrorScript?.Name, result.Error);
        }

        if (!result.Scripts.Any())
        {
            LogSchemaUpToDate(logger);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Applied migration {ScriptName}")]
    private static partial void LogMigrationApplied(ILogger logger, string scriptName);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Database schema is up to date: no migration to apply")]
    private static partial void LogSchemaUpToDate(ILogger logger);
}
