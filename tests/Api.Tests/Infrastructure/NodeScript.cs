using System.Diagnostics;
using System.Threading.Channels;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>
/// A script of tests/js run by Node.js, with its output lines readable while it runs. The
/// timeouts only stop a hung script; no test asserts on time.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    public static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];
    private readonly System.Text.StringBuilder _errors = new();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private NodeScript(Process process)
    {
        _process = process;
        _stdout = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_all)
                {
                    _all.Add(line);
                }

                _lines.Writer.TryWrite(line);
            }

            _lines.Writer.TryComplete();
        });
        _stderr = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_errors)
                {
                    _errors.AppendLine(line);
                }
            }
        });
    }

    /// <summary>Everything the script printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_all)
            {
                lock (_errors)
                {
                    return string.Join('\n', _all) + "\nstderr:\n" + _errors;
                }
            }
        }
    }

    public static NodeScript Start(string script, params string[] arguments)
    {
        string folder = FindJsTests();
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules")),
            $"The npm packages are not installed in {folder}: run `npm ci` there (deploy/test.sh does).");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new NodeScript(Process.Start(start)!);
    }

    /// <summary>Returns the next line the script prints, or null once it has exited.</summary>
    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(HangTimeout);
        try
        {
            return await _lines.Reader.WaitToReadAsync(timeout.Token) && _lines.Reader.TryRead(out var line) ? line : null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The script printed nothing for {HangTimeout}:\n{Output}");
        }
    }

    /// <summary>Reads lines until one starts with <paramref name="prefix"/>; fails if the script ends first.</summary>
    public async Task<string> WaitForLineAsync(string prefix)
    {
        while (await ReadLineAsync() is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }

        await WaitForExitAsync();
        throw new Xunit.Sdk.XunitException($"The script ended without printing \"{prefix}\":\n{Output}");
    }

    /// <summary>Waits for the script to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(HangTimeout);
        await _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static string FindJsTests()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "js");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No tests/js/package.json above {AppContext.BaseDirectory}.");
    }
}
