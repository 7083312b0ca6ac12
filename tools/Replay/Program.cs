using Pointspot.Replay;

ReplayOptions? options;
try
{
    options = CommandLine.Parse(args);
}
catch (UsageException exception)
{
    Console.Error.WriteLine(exception.Message);
    return ExitCodes.Usage;
}

if (options is null)
{
    Console.Out.WriteLine(CommandLine.Help);
    return ExitCodes.Success;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops sending and prints what was done; a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        Console.Error.WriteLine();
        Console.Error.WriteLine(
            "Stopping: waiting for the requests in flight. Press Ctrl+C again to quit at once.");
        cancellation.Cancel();
    }
};

bool logIsTerminal = !Console.IsErrorRedirected;
var command = new ReplayCommand(options, Console.Out, Console.Error, logIsTerminal);
return await command.RunAsync(cancellation.Token);
