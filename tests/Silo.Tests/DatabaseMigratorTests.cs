using Microsoft.Extensions.Logging;
using Pointspot.Silo.Database;

namespace Pointspot.Silo.Tests;

public sealed class DatabaseMigratorTests : IAsyncLifetime
{
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Apply_EmptyDatabase_AppliesEveryScript()
    {
        var logger = new ListLogger();

        DatabaseMigrator.Apply(database.ConnectionString, logger);

        IReadOnlyList<string> expectedScripts = MigrationScripts.FileNames();
        Assert.Contains("0001_orleans_clustering.sql", expectedScripts);
        Assert.Contains("0002_orleans_persistence.sql", expectedScripts);
        Assert.Contains("0003_orleans_reminders.sql", expectedScripts);

        long journalRows = await database.QueryScalarAsync<long>("SELECT count(*) FROM public.schemaversions");
        Assert.Equal(expectedScripts.Count, journalRows);

        List<string> appliedMessages = logger.Entries
            .Where(entry => entry.Level == LogLevel.Information)
            .Select(entry => entry.Message)
            .ToList();
        Assert.Equal(expectedScripts.Select(name => $"Applied migration {name}"), appliedMessages);
    }

    [Fact]
    public async Task Apply_EmptyDatabase_InsertsEveryOrleansQuery()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());

        foreach (OrleansQueryKey expected in OrleansQueryKeys.All)
        {
            long rows = await database.QueryScalarAsync<long>(
                "SELECT count(*) FROM OrleansQuery WHERE QueryKey = @key", ("key", expected.Key));
            Assert.True(rows == 1, $"OrleansQuery should have one row for {expected.Key}, found {rows}.");
        }
    }

    [Fact]
    public async Task Apply_ThreeSilosAtOnce_AppliesEachScriptOnce()
    {
        var loggers = new[] { new ListLogger(), new ListLogger(), new ListLogger() };

        await Task.WhenAll(loggers.Select(logger => Task.Run(() => DatabaseMigrator.Apply(database.ConnectionString, logger))));

        IReadOnlyList<string> expectedScripts = MigrationScripts.FileNames();
        long journalRows = await database.QueryScalarAsync<long>("SELECT count(*) FROM public.schemaversions");
        Assert.Equal(expectedScripts.Count, journalRows);
        int applied = loggers.Sum(logger => logger.Entries.Count(entry => entry.Message.StartsWith("Applied migration", StringComparison.Ordinal)));
        Assert.Equal(expectedScripts.Count, applied);
    }

    [Fact]
    public async Task Apply_SecondTime_AppliesNothing()
    {
        DatabaseMigrator.Apply(database.ConnectionString, new ListLogger());
        long journalRowsAfterFirst = await database.QueryScalarAsync<long>(
            "SELECT count(*) FROM public.schemaversions");
        var secondLogger = new ListLogger();

        DatabaseMigrator.Apply(database.ConnectionString, secondLogger);

        long journalRowsAfterSecond = await database.QueryScalarAsync<long>(
            "SELECT count(*) FROM public.schemaversions");
        Assert.Equal(journalRowsAfterFirst, journalRowsAfterSecond);

        List<string> informationMessages = secondLogger.Entries
            .Where(entry => entry.Level == LogLevel.Information)
            .Select(entry => entry.Message)
            .ToList();
        Assert.Equal(["Database schema is up to date: no migration to apply"], informationMessages);
    }

    [Fact]
    public async Task Apply_FailingScript_NamesScriptAndRollsBack()
    {
        // A table that the clustering script creates makes its CREATE TABLE fail.
        await database.ExecuteAsync("CREATE TABLE orleans_membership_version (id integer)");

        var error = Assert.Throws<DatabaseMigrationException>(
            () => DatabaseMigrator.Apply(database.ConnectionString, new ListLogger()));

        Assert.Equal("0001_orleans_clustering.sql", error.ScriptName);
        Assert.Contains("0001_orleans_clustering.sql", error.Message);
        Assert.Contains("already exists", error.Message);

        bool orleansQueryExists = await database.QueryScalarAsync<bool>(
            "SELECT to_regclass('orleansquery') IS NOT NULL");
        Assert.False(orleansQueryExists, "The failed script's earlier statements should be rolled back.");
    }
}
