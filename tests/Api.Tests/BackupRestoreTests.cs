using System.Diagnostics;
using System.Text.Json.Nodes;
using Npgsql;
using Pointspot.Api.Tests.Infrastructure;

namespace Pointspot.Api.Tests;

/// <summary>
/// deploy/backup.sh on a running host's database and deploy/restore.sh into a new one, then a
/// host on the restored database, which must show the same members, balances and ledger.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private static readonly string[] Phones = ["0811111111", "0922222222", "0633333333"];

    private TestDatabase source = null!;
    private TestDatabase target = null!;
    private string backupFile = null!;

    public async Task InitializeAsync()
    {
        source = await TestDatabase.CreateAsync("backup_source");
        target = await TestDatabase.CreateAsync("backup_target");
        backupFile = Path.Combine(Path.GetTempPath(), $"pointspot-backup-{Guid.NewGuid():N}.dump");
    }

    public async Task DisposeAsync()
    {
        File.Delete(backupFile);
        await source.DisposeAsync();
        await target.DisposeAsync();
    }

    [Fact]
    public async Task Restore_NewDatabase_KeepsBalances()
    {
        TestMerchant merchant;
        List<string> membersBefore;
        PointsSummaryView summaryBefore;
        long expectedPoints;
        string backupOutput;

        await using (ApiHost original = await ApiHost.StartAsync(source.ConnectionString, $"backup-{Guid.NewGuid():N}"))
        {
            using var client = new GraphQLClient(original.BaseAddress);
            merchant = await TestMerchant.CreateAsync(client, "10.00", null);
            expectedPoints = await WriteActivityAsync(merchant);
            membersBefore = await ReadMembersAsync(merchant);
            summaryBefore = await merchant.SummaryAsync();

            // Taken while the silo runs, as an operator would.
            backupOutput = await RunScriptAsync("backup.sh", backupFile, source.Name);
        }

        string restoreOutput = await RunScriptAsync("restore.sh", backupFile, target.Name);

        await using ApiHost restored = await ApiHost.StartAsync(target.ConnectionString, $"restored-{Guid.NewGuid():N}");
        using var restoredClient = new GraphQLClient(restored.BaseAddress);
        TestMerchant sameMerchant = merchant with { Client = restoredClient };
        List<string> membersAfter = await ReadMembersAsync(sameMerchant);
        PointsSummaryView summaryAfter = await sameMerchant.SummaryAsync();
        JsonNode next = (await sameMerchant.CollectAsync(Phones[0], "30.00", "R-AFTER-RESTORE")).Field("collectPoints");
        long membershipRows = await target.QueryScalarAsync<long>("SELECT count(*) FROM orleans_membership");

        Assert.Contains($"dumped database {source.Name} to {backupFile}", backupOutput);
        Assert.Contains($"3 members, {summaryBefore.Entries} ledger entries, {expectedPoints} points", restoreOutput);
        Assert.Equal(membersBefore, membersAfter);
        Assert.Equal(summaryBefore, summaryAfter);
        Assert.Equal(expectedPoints, summaryAfter.LedgerPoints);
        Assert.Equal(expectedPoints, summaryAfter.MemberBalances);
        long firstBalance = JsonNode.Parse(membersBefore[0])!["balance"]!.GetValue<long>();
        Assert.Equal(firstBalance + 3, next["member"]!["balance"]!.GetValue<long>());

        // Only the restored host's own silo: the dump left out the original cluster's rows.
        Assert.Equal(1, membershipRows);
    }

    [Fact]
    public async Task Restore_DatabaseWithTables_Fails()
    {
        await using (ApiHost original = await ApiHost.StartAsync(source.ConnectionString, $"backup-{Guid.NewGuid():N}"))
        {
            using var client = new GraphQLClient(original.BaseAddress);
            TestMerchant merchant = await TestMerchant.CreateAsync(client, "10.00", null);
            (await merchant.CollectAsync(Phones[0], "55.00", "R-1")).Field("collectPoints");
        }

        await RunScriptAsync("backup.sh", backupFile, source.Name);
        await target.ExecuteAsync("CREATE TABLE unrelated (id int)");

        var failure = await Assert.ThrowsAsync<ScriptFailedException>(
            () => RunScriptAsync("restore.sh", backupFile, target.Name));
        long tables = await target.QueryScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");

        Assert.Equal(1, failure.ExitCode);
        Assert.Contains($"database {target.Name} already has 1 tables", failure.Output);
        Assert.Equal(1, tables);
    }

    /// <summary>Earns, sends and pulls for each member, and returns the points the ledger must total.</summary>
    private static async Task<long> WriteActivityAsync(TestMerchant merchant)
    {
        long total = 0;
        for (int m = 0; m < Phones.Length; m++)
        {
            for (int i = 0; i < 3; i++)
            {
                (await merchant.CollectAsync(Phones[m], "45.50", $"R-{m}-{i}")).Field("collectPoints");
                total += TestMerchant.ExpectedPoints(45.50m, 10.00m);
            }

            (await merchant.SendAsync(Phones[m], 20 + m, $"send-{m}")).Field("sendPoints");
            (await merchant.PullAsync(Phones[m], 2, $"pull-{m}")).Field("pullPoints");
            total += 20 + m - 2;
        }

        return total;
    }

    /// <summary>Reads every member with its whole history, as JSON text to compare whole.</summary>
    private static async Task<List<string>> ReadMembersAsync(TestMerchant merchant)
    {
        var members = new List<string>();
        foreach (string phone in Phones)
        {
            GraphQLResponse response = await merchant.Client.PostAsync(
                """
                query Member($phone: String!) {
                  member(phone: $phone) {
                    phone status balance lifetimePoints
                    history(first: 100) {
                      edges { cursor node { id kind points amount receiptNumber occurredAt balanceAfter } }
                      pageInfo { hasNextPage endCursor }
                    }
                  }
                }
                """,
                new { phone }, merchant.OwnerToken);
            members.Add(response.Field("member").ToJsonString());
        }

        return members;
    }

    /// <summary>
    /// Runs deploy/NAME with the test server's credentials in libpq's environment variables and
    /// returns its output, or throws <see cref="ScriptFailedException"/> when it exits non-zero.
    /// </summary>
    private async Task<string> RunScriptAsync(string name, params string[] arguments)
    {
        var server = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "deploy", name));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = server.Username;
        start.Environment["PGPASSWORD"] = server.Password;

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        string text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new ScriptFailedException(process.ExitCode, text);
        }

        return text;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "deploy", "backup.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No deploy/backup.sh above {AppContext.BaseDirectory}.");
    }

    private sealed class ScriptFailedException(int exitCode, string output)
        : Exception($"The script exited with {exitCode}:\n{output}")
    {
        public int ExitCode { get; } = exitCode;

        public string Output { get; } = output;
    }
}
