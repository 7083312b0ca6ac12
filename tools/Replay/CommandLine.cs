using System.Globalization;

namespace Pointspot.Replay;

/// <summary>An invalid command line; the message names the option and the fix.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Parses the replay's command line: options written --name value or --name=value.</summary>
internal static class CommandLine
{
    public const string Help = """
        Replays a CDNOW purchase file through the Pointspot GraphQL API as a POS would,
        then checks that the ledger contains exactly the points the file earns.

        Usage: Pointspot.Replay --file PATH [options]

        Options:
          --file PATH        CDNOW file to replay, in the master layout (customer id,
                             date, CDs, dollars) or the sample layout (master id,
                             sample id, date, CDs, dollars). Required.
          --url URL          Base address of the Pointspot server; requests go to
                             URL/graphql. Default: http://127.0.0.1:5080
          --concurrency N    Requests in flight at once, and the maximum of HTTP
                             connections to the server. Default: 64
          --api-key KEY      API key of an existing merchant to send the purchases
                             with. The key file is then neither read nor written.
          --key-file PATH    JSON file with the replay merchant's id, owner token and
                             API key. When it exists, the replay reuses that merchant;
                             otherwise it signs up a new merchant and writes the file
                             with mode 600. Default: .data/replay-key.json
          --time-zone ID     IANA time zone of the merchant: each purchase happens at
                             12:00 on its date there, and a new merchant is signed up
                             with it. Default: the key file's, else Asia/Bangkok.
          -h, --help         Show this help.

        Exit codes: 0 when every purchase was accepted and the ledger check passed;
        1 when a purchase was rejected or the check failed; 2 for an invalid command
        line or an unreadable file; 3 when the server or the credentials failed before
        the first purchase; 130 when stopped with Ctrl+C.
        """;

    private static readonly string[] OptionNames =
        ["--file", "--url", "--concurrency", "--api-key", "--key-file", "--time-zone"];

    /// <summary>Returns the options, or null when help was requested.</summary>
    /// <exception cref="UsageException">
    /// An option is unknown, repeated, missing its value or invalid.
    /// </exception>
    public static ReplayOptions? Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg is "-h" or "--help")
            {
                return null;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException(
                    $"Unexpected argument \"{arg}\": options start with --, "
                    + "and the file is given with --file.");
            }

            string name = arg;
            string? value = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }

            if (!OptionNames.Contains(name))
            {
                throw new UsageException(
                    $"Unknown option \"{name}\": run with --help to list the options.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"Option {name} is missing its value: see --help.");
                }

                value = args[++i];
            }

            if (value.Length == 0)
            {
                throw new UsageException($"Option {name} has an empty value: see --help.");
            }

            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"Option {name} is given twice: give it once.");
            }
        }

        if (!values.TryGetValue("--file", out string? file))
        {
            throw new UsageException(
                "Missing --file: name the CDNOW file to replay, e.g. --file CDNOW_master.txt.");
        }

        var options = new ReplayOptions { File = file };
        if (values.TryGetValue("--url", out string? url))
        {
            options = options with { Url = ParseUrl(url) };
        }

        if (values.TryGetValue("--concurrency", out string? concurrency))
        {
            options = options with { Concurrency = ParseConcurrency(concurrency) };
        }

        if (values.TryGetValue("--time-zone", out string? timeZone))
        {
            options = options with { TimeZone = ParseTimeZone(timeZone).Id };
        }

        return options with
        {
            ApiKey = values.GetValueOrDefault("--api-key"),
            KeyFile = values.GetValueOrDefault("--key-file") ?? ReplayOptions.DefaultKeyFile,
        };
    }

    /// <summary>Returns the time zone with this IANA id, or throws <see cref="UsageException"/>.</summary>
    public static TimeZoneInfo ParseTimeZone(string id)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var timeZone))
        {
            throw new UsageException(
                $"Unknown time zone \"{id}\": give an IANA time zone id such as Asia/Bangkok.");
        }

        return timeZone;
    }

    private static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(url.Query))
        {
            throw new UsageException(
                $"Invalid --url \"{text}\": expected an absolute http or https address "
                + $"such as {ReplayOptions.DefaultUrl}.");
        }

        return url;
    }

    private static int ParseConcurrency(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int concurrency)
            || concurrency < 1)
        {
            throw new UsageException(
                $"Invalid --concurrency \"{text}\": expected a whole number of at least 1.");
        }

        return concurrency;
    }
}
