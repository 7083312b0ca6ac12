namespace Pointspot.Silo.Database;

/// <summary>
/// Error raised when a migration script fails, or when dbup fails before any script runs.
/// </summary>
public sealed class DatabaseMigrationException : Exception
{
    public DatabaseMigrationException(string? scriptName, Exception? innerException)
        : base(BuildMessage(scriptName, innerException), innerException)
    {
        ScriptName = scriptName;
    }

    /// <summary>File name of the script that failed, or null when no script had started.</summary>
    public string? ScriptName { get; }

    private static string BuildMessage(string? scriptName, Exception? innerException)
    {
        string cause = innerException?.Message ?? "dbup returned no error details";

        if (scriptName is null)
        {
            return $"Database migration failed before any script ran: {cause}";
        }

        return $"Migration {scriptName} failed and was rolled back: {cause} "
            + "Fix the script or the database, then apply the migrations again.";
    }
}
