using Pointspot.Bench;
using Pointspot.Bench.Report;

const string Usage = """
    Usage: Pointspot.LoadGenerator COMMAND [OPTIONS]

    Commands:
      setup    Signs up a merchant and creates a POS API key.
               --url URL  --tag TEXT  --output FILE
      run      Drives the GraphQL endpoint with a fixed number of concurrent clients.
               --url URL  --mode collect|prime|ceiling  --clients N  --seconds S
               --warmup-seconds S  --members N  --api-key-file FILE  --tag TEXT  --output FILE
      report   Prints the figures of a results folder and, with --docs, appends them as a row to FILE.
               --results DIR  [--docs FILE --kind full|smoke --commit TEXT --machine TEXT --command TEXT]

    Run bench/run.sh rather than these commands by hand: it starts PostgreSQL and the silo first.
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = CommandLine.Parse(args[1..]);
    return args[0] switch
    {
        "setup" => await MerchantSetup.RunAsync(options),
        "run" => await LoadCommand.RunAsync(options),
        "report" => ReportCommand.Run(options),
        _ => throw new UsageException($"Unknown command \"{args[0]}\": use setup, run or report."),
    };
}
catch (UsageException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (SetupException exception)
{
    Console.Error.WriteLine($"Setup failed: {exception.Message}");
    return 1;
}
