using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pointspot.Api.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of one test, created by deploy/postgres.sh in the system's temporary
/// folder on a free loopback port. The test may stop and start it without disturbing the server
/// that the other tests share.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;

    private PrivatePostgres(string script, string directory, int port)
    {
        _script = script;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString { get; private set; } = "";

    /// <summary>Creates the cluster, starts it and reads the connection string of role pointspot.</summary>
    public static async Task<PrivatePostgres> StartNewAsync()
    {
        // The temporary folder, unlike a clone under a private home directory, is one that the
        // OS user postgres can enter when the tests run as root.
        string directory = Path.Combine(Path.GetTempPath(), $"pointspot-pg-{Guid.NewGuid():N}"[..24]);
        var postgres = new PrivatePostgres(FindScript(), directory, FreePort());
        await postgres.StartAsync();
        postgres.ConnectionString = (await postgres.RunAsync("connection-string", directory, postgres.PortText)).Trim();
        return postgres;
    }

    /// <summary>Starts the stopped server again on the same data and port and waits until it accepts connections.</summary>
    public Task StartAsync() => RunAsync("start", _directory, PortText);

    /// <summary>Stops the server with a fast shutdown, which ends every open connection.</summary>
    public Task StopAsync() => RunAsync("stop", _directory);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(_script)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{_script} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"deploy/postgres.sh {string.Join(' ', arguments)} failed with {process.ExitCode}:\n{await stderr}");
        }

        return await stdout;
    }

    private static string FindScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "deploy", "postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"No deploy/postgres.sh above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
