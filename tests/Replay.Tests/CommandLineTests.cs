namespace Pointspot.Replay.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_FileOnly_UsesDefaults()
    {
        var options = CommandLine.Parse(["--file", "CDNOW_master.txt"]);

        Assert.NotNull(options);
        Assert.Equal("CDNOW_master.txt", options.File);
        Assert.Equal(new Uri("http://127.0.0.1:5080"), options.Url);
        Assert.Equal(new Uri("http://127.0.0.1:5080/graphql"), options.GraphQLEndpoint);
        Assert.Equal(64, options.Concurrency);
        Assert.Null(options.ApiKey);
        Assert.Equal(".data/replay-key.json", options.KeyFile);
        Assert.Null(options.TimeZone);
    }

    [Fact]
    public void Parse_EveryOption_SetsEach()
    {
        var options = CommandLine.Parse([
            "--url", "http://localhost:9000/", "--file=sample.txt", "--concurrency", "8",
            "--api-key", "psk_secret", "--key-file", "/tmp/key.json", "--time-zone", "Europe/Berlin",
        ]);

        Assert.NotNull(options);
        Assert.Equal("sample.txt", options.File);
        Assert.Equal(new Uri("http://localhost:9000/graphql"), options.GraphQLEndpoint);
        Assert.Equal(8, options.Concurrency);
        Assert.Equal("psk_secret", options.ApiKey);
        Assert.Equal("/tmp/key.json", options.KeyFile);
        Assert.Equal("Europe/Berlin", options.TimeZone);
    }

    [Fact]
    public void Parse_UrlWithPath_KeepsPath()
    {
        var options = CommandLine.Parse(["--file", "f", "--url", "https://pos.example.com/pointspot"]);

        Assert.NotNull(options);
        Assert.Equal(new Uri("https://pos.example.com/pointspot/graphql"), options.GraphQLEndpoint);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_ReturnsNull(string flag)
    {
        Assert.Null(CommandLine.Parse(["--file", "f", flag]));
        Assert.Null(CommandLine.Parse([flag, "--no-such-option"]));
    }

    [Theory]
    [InlineData(new string[0], "Missing --file")]
    [InlineData(new[] { "--concurrency", "4" }, "Missing --file")]
    [InlineData(new[] { "--file" }, "Option --file is missing its value")]
    [InlineData(new[] { "--file", "--url", "http://x" }, "Option --file is missing its value")]
    [InlineData(new[] { "--file=" }, "Option --file has an empty value")]
    [InlineData(new[] { "--file", "a", "--file", "b" }, "Option --file is given twice")]
    [InlineData(new[] { "--file", "a", "--threads", "4" }, "Unknown option \"--threads\"")]
    [InlineData(new[] { "CDNOW_master.txt" }, "Unexpected argument \"CDNOW_master.txt\"")]
    [InlineData(new[] { "--file", "a", "-c", "4" }, "Unexpected argument \"-c\"")]
    [InlineData(new[] { "--file", "a", "--concurrency", "0" }, "Invalid --concurrency \"0\"")]
    [InlineData(new[] { "--file", "a", "--concurrency", "-1" }, "Invalid --concurrency \"-1\"")]
    [InlineData(new[] { "--file", "a", "--concurrency", "many" }, "Invalid --concurrency \"many\"")]
    [InlineData(new[] { "--file", "a", "--concurrency", "99999999999" }, "Invalid --concurrency \"99999999999\"")]
    [InlineData(new[] { "--file", "a", "--url", "127.0.0.1:5080" }, "Invalid --url \"127.0.0.1:5080\"")]
    [InlineData(new[] { "--file", "a", "--url", "ftp://127.0.0.1" }, "Invalid --url \"ftp://127.0.0.1\"")]
    [InlineData(new[] { "--file", "a", "--url", "http://h/?q=1" }, "Invalid --url \"http://h/?q=1\"")]
    [InlineData(new[] { "--file", "a", "--time-zone", "Bangkok" }, "Unknown time zone \"Bangkok\"")]
    public void Parse_InvalidArguments_ThrowsWithReason(string[] args, string expectedStart)
    {
        var exception = Assert.Throws<UsageException>(() => CommandLine.Parse(args));

        Assert.StartsWith(expectedStart, exception.Message);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        foreach (string option in new[] { "--file", "--url", "--concurrency", "--api-key", "--key-file", "--time-zone", "--help" })
        {
            Assert.Contains(option, CommandLine.Help);
        }
    }
}
