using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>
/// A silo in its own operating-system process, started from the Silo project's build output, so a
/// test can kill it with SIGKILL as a crash would. Its output is kept for the failure message.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SiloProcess(Dictionary<string, string> environment, Uri baseAddress)
    {
        _environment = environment;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote to standard output and standard error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The last lines the process wrote, for assertion messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_output)
            {
                string text = _output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    /// <summary>Prepares a silo of cluster <paramref name="clusterId"/> on free loopback ports.</summary>
    public static SiloProcess Create(string connectionString, string clusterId, IDictionary<string, string> settings)
    {
        int httpPort = FreePort();
        var environment = new Dictionary<string, string>(settings)
        {
            ["ConnectionStrings__Pointspot"] = connectionString,
            ["Urls"] = $"http://127.0.0.1:{httpPort}",
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        return new SiloProcess(environment, new Uri($"http://127.0.0.1:{httpPort}/"));
    }

    /// <summary>Starts the process and waits until /health/ready returns 200.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        string directory = SiloDirectory();
        var start = new ProcessStartInfo("dotnet", "Pointspot.Silo.dll")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited with {_process.ExitCode}:\n{OutputTail}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The silo at {BaseAddress} was not ready after {timeout}:\n{OutputTail}");
    }

    /// <summary>Kills the process at once, with no shutdown, as a crash or kill -9 would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>Asks the silo to shut down (SIGTERM) and waits for it, killing it after 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using var terminate = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await terminate.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The Silo project's output for this test build's configuration (Debug or Release).</summary>
    private static string SiloDirectory()
    {
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        string configuration = testDirectory.Parent!.Name;
        for (var directory = testDirectory; directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "Silo", "bin", configuration, testDirectory.Name);
            if (File.Exists(Path.Combine(candidate, "Pointspot.Silo.dll")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No build of src/Silo for {configuration} above {AppContext.BaseDirectory}: build the solution first.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
