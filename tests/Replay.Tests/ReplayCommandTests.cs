using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Tests;

/// <summary>Whole replays against <see cref="FakePointspot"/>, from the command line to the exit code.</summary>
public sealed class ReplayCommandTests : IDisposable
{
    private const string MasterFile =
        "customer_id  date  number_of_cds  dollar_value\r\n"
        + " 00001 19970101  1  11.77\r\n"
        + " 00002 19970112  1  12.00\r\n"
        + " 00002 19970112  5  77.00\r\n"
        + " 00003 19970702  2  20.76\r\n"
        + " 00003 19971115  1   0.00\r\n";

    private const long MasterPoints = 11 + 12 + 77 + 20 + 0;

    private readonly string folder = Directory.CreateTempSubdirectory("replay-tests-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string KeyFilePath => Path.Combine(folder, ".data", "replay-key.json");

    private async Task<(int ExitCode, string Output, string Log)> RunAsync(
        FakePointspot server, string fileText, params string[] extraArgs)
    {
        string path = Path.Combine(folder, "cdnow.txt");
        await File.WriteAllTextAsync(path, fileText);
        var options = CommandLine.Parse(["--file", path, "--key-file", KeyFilePath, "--concurrency", "4", .. extraArgs]);
        var output = new StringWriter();
        var log = new StringWriter();
        var command = new ReplayCommand(options!, output, log, logIsTerminal: false)
        {
            Handler = server,
            RetryPolicy = new RetryPolicy(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)),
        };

        int exitCode = await command.RunAsync(CancellationToken.None);
        return (exitCode, output.ToString(), log.ToString());
    }

    /// <summary>Returns the number at the end of the summary row that starts with the label.</summary>
    private static long Count(string output, string label)
    {
        string row = output.Split('\n').Single(line => line.TrimStart().StartsWith(label + " ", StringComparison.Ordinal));
        return long.Parse(row.Trim().Split(' ')[^1].Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Run_FirstTime_SignsUpReplaysAndPasses()
    {
        var server = new FakePointspot();

        var (exitCode, output, log) = await RunAsync(server, MasterFile);

        Assert.True(exitCode == ExitCodes.Success, output + log);
        Assert.Equal(1, server.SignUps);
        Assert.Equal("Asia/Bangkok", server.TimeZone);
        Assert.Equal(1.00m, server.SpendPerPoint);
        Assert.Contains("1997-01-01T12:00:00+07:00", server.OccurredAt);
        Assert.Contains("1997-07-02T12:00:00+07:00", server.OccurredAt);
        Assert.Equal(5, Count(output, "purchases sent"));
        Assert.Equal(5, Count(output, "accepted (new)"));
        Assert.Equal(0, Count(output, "accepted as replays"));
        Assert.Equal(0, Count(output, "rejected"));
        Assert.Equal(3, Count(output, "members (distinct phones)"));
        Assert.Equal(MasterPoints, Count(output, "points awarded (new entries)"));
        Assert.Equal(MasterPoints, Count(output, "pointsSummary.ledgerPoints"));
        Assert.Contains("check member balances == ledgerPoints == memberBalances == expected points: passed", output);
        Assert.Contains("Result: passed", output);
        Assert.Contains("Signed up merchant m1", log);
    }

    [Fact]
    public async Task Run_FirstTime_KeyFileOwnerOnly()
    {
        var (exitCode, _, _) = await RunAsync(new FakePointspot(), MasterFile);

        Assert.Equal(ExitCodes.Success, exitCode);
        string json = await File.ReadAllTextAsync(KeyFilePath);
        Assert.Contains("\"merchantId\": \"m1\"", json);
        Assert.Contains("\"ownerToken\": \"pst_owner\"", json);
        Assert.Contains("\"apiKey\": \"psk_device\"", json);
        Assert.Contains("\"timeZone\": \"Asia/Bangkok\"", json);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyFilePath));
        }
    }

    [Fact]
    public async Task Run_SecondTime_ReusesMerchantAndCountsReplays()
    {
        var server = new FakePointspot();
        await RunAsync(server, MasterFile);

        var (exitCode, output, log) = await RunAsync(server, MasterFile);

        Assert.True(exitCode == ExitCodes.Success, output + log);
        Assert.Equal(1, server.SignUps);
        Assert.Contains("Using merchant m1", log);
        Assert.Contains("already has 5 ledger entries", log);
        Assert.Equal(0, Count(output, "accepted (new)"));
        Assert.Equal(5, Count(output, "accepted as replays"));
        Assert.Equal(0, Count(output, "points awarded (new entries)"));
        Assert.Contains("expected points: passed", output);
    }

    [Fact]
    public async Task Run_ApiKeyGiven_LeavesKeyFileAlone()
    {
        var server = new FakePointspot();

        var (exitCode, output, log) = await RunAsync(server, MasterFile, "--api-key", "psk_device");

        Assert.True(exitCode == ExitCodes.Success, output + log);
        Assert.Equal(0, server.SignUps);
        Assert.False(File.Exists(KeyFilePath));
    }

    [Fact]
    public async Task Run_TransientFailures_RetriedAndPasses()
    {
        var server = new FakePointspot { FailEvery = 3 };

        var (exitCode, output, log) = await RunAsync(server, MasterFile, "--api-key", "psk_device");

        Assert.True(exitCode == ExitCodes.Success, output + log);
        Assert.True(Count(output, "retries") > 0, output);
        Assert.Contains("UNAVAILABLE", output);
        Assert.Equal(5, Count(output, "accepted (new)"));
    }

    [Fact]
    public async Task Run_InvalidLine_RejectedAndExitsOne()
    {
        string file = MasterFile + " 00004 1997-01-01  1  5.00\r\n";

        var (exitCode, output, log) = await RunAsync(new FakePointspot(), file);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains(":7: date \"1997-01-01\" is not a valid date", log);
        Assert.Equal(1, Count(output, "rejected"));
        Assert.Contains("INVALID_LINE", output);
        Assert.Contains("line 7:", output);
        Assert.Contains("expected points: passed", output);
        Assert.Contains("Result: failed (exit code 1): 1 of 6 purchases were rejected.", output);
    }

    [Fact]
    public async Task Run_OtherFileOnSameMerchant_KeysClash()
    {
        var server = new FakePointspot();
        await RunAsync(server, MasterFile);

        // A different file on the same merchant reuses line numbers, so its keys and receipts clash.
        string other = "customer_id date number_of_cds dollar_value\r\n 00009 19980101 1 1.00\r\n";
        var (exitCode, output, _) = await RunAsync(server, other);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("IDEMPOTENCY_KEY_REUSED", output);
        Assert.Contains("expected points: FAILED", output);
        Assert.Contains("the ledger check failed", output);
    }

    [Fact]
    public async Task Run_ServerAwardsTooMuch_LedgerCheckFails()
    {
        var server = new FakePointspot { ExtraPointsPerAward = 1 };

        var (exitCode, output, _) = await RunAsync(server, MasterFile);

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains($"ledgerPoints is {MasterPoints + 5}, but the file's purchases earn {MasterPoints} (+5)", output);
        Assert.Contains("Result: failed (exit code 1): the ledger check failed.", output);
    }

    [Fact]
    public async Task Run_RejectedKey_ExitsThreeWithHint()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFilePath)!);
        await File.WriteAllTextAsync(KeyFilePath,
            """{"merchantId":"old","ownerToken":"pst_old","apiKey":"psk_old","timeZone":"Asia/Bangkok"}""");

        var (exitCode, output, log) = await RunAsync(new FakePointspot(), MasterFile);

        Assert.Equal(ExitCodes.Setup, exitCode);
        Assert.Contains("UNAUTHENTICATED", log);
        Assert.Contains($"delete {KeyFilePath}", log);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task Run_MalformedKeyFile_ExitsThree()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFilePath)!);
        await File.WriteAllTextAsync(KeyFilePath, "not json");

        var (exitCode, _, log) = await RunAsync(new FakePointspot(), MasterFile);

        Assert.Equal(ExitCodes.Setup, exitCode);
        Assert.Contains("is not valid JSON", log);
    }

    [Fact]
    public async Task Run_TimeZoneMismatch_ExitsTwo()
    {
        var server = new FakePointspot();
        await RunAsync(server, MasterFile);

        var (exitCode, _, log) = await RunAsync(server, MasterFile, "--time-zone", "Europe/Berlin");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--time-zone Europe/Berlin differs from the time zone Asia/Bangkok", log);
    }

    [Fact]
    public async Task Run_MissingFile_ExitsTwo()
    {
        var options = CommandLine.Parse(["--file", Path.Combine(folder, "absent.txt")]);
        var log = new StringWriter();
        var command = new ReplayCommand(options!, new StringWriter(), log, logIsTerminal: false)
        {
            Handler = new FakePointspot(),
        };

        int exitCode = await command.RunAsync(CancellationToken.None);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("Cannot read --file", log.ToString());
    }
}
