using Npgsql;
using Pointspot.Silo.Database;

namespace Pointspot.Silo.Tests;

public sealed class SchemaVerifierTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public void FindProblems_MigratedDatabase_ReturnsNone()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());

        IReadOnlyList<string> problems = SchemaVerifier.FindProblems(database.ConnectionString);

        Assert.Empty(problems);
    }

    [Fact]
    public void FindProblems_EmptyDatabase_ListsEveryMigration()
    {
        IReadOnlyList<string> problems = SchemaVerifier.FindProblems(database.ConnectionString);

        foreach (string fileName in MigrationScripts.FileNames())
        {
            Assert.Contains(problems, problem =>
                problem.Contains($"migration {fileName} has not been applied", StringComparison.Ordinal));
        }

        Assert.Contains(problems, problem =>
            problem.StartsWith("Table OrleansQuery does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindProblems_MissingMigration_NamesScript()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());
        string lastScript = MigrationScripts.FileNames()[^1];
        await database.ExecuteAsync(
            "DELETE FROM public.schemaversions WHERE scriptname = @name", ("name", lastScript));

        IReadOnlyList<string> problems = SchemaVerifier.FindProblems(database.ConnectionString);

        string problem = Assert.Single(problems);
        Assert.StartsWith($"Schema is outdated: migration {lastScript} has not been applied.", problem);
        Assert.Contains("Database:ApplyMigrations=true", problem);
    }

    [Fact]
    public async Task FindProblems_MissingQueryKey_NamesKey()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());
        await database.ExecuteAsync("DELETE FROM OrleansQuery WHERE QueryKey = 'UpsertReminderRowKey'");

        IReadOnlyList<string> problems = SchemaVerifier.FindProblems(database.ConnectionString);

        string problem = Assert.Single(problems);
        Assert.StartsWith("Orleans query key UpsertReminderRowKey is missing from table OrleansQuery", problem);
        Assert.Contains("reminders provider", problem);
        Assert.Contains("0003_orleans_reminders.sql", problem);
    }

    [Fact]
    public void FindProblems_UnreachableServer_NamesServerWithoutPassword()
    {
        // Port 1 on the loopback address normally has no listener, so the connection is refused at once.
        var settings = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = 1,
            Database = "pointspot_absent",
            Username = "pointspot",
            Password = "secret-password-value",
            Timeout = 5,
        };

        IReadOnlyList<string> problems = SchemaVerifier.FindProblems(settings.ConnectionString);

        string problem = Assert.Single(problems);
        Assert.StartsWith("Cannot connect to PostgreSQL at 127.0.0.1:1, database \"pointspot_absent\"", problem);
        Assert.DoesNotContain("secret-password-value", problem);
    }

    [Fact]
    public async Task EnsureReady_SeveralProblems_ListsAll()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());
        await database.ExecuteAsync(
            "DELETE FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'MembershipReadAllKey')");

        var error = Assert.Throws<SchemaNotReadyException>(
            () => SchemaVerifier.EnsureReady(database.ConnectionString));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("(2 problems)", error.Message);
        Assert.Contains("WriteToStorageKey", error.Message);
        Assert.Contains("MembershipReadAllKey", error.Message);
    }

    [Fact]
    public void EnsureReady_MigratedDatabase_DoesNotThrow()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());

        Exception? error = Record.Exception(() => SchemaVerifier.EnsureReady(database.ConnectionString));

        Assert.Null(error);
    }
}
