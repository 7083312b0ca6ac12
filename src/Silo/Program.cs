using Pointspot.Silo.Database;
using Pointspot.Silo.Hosting;

try
{
    var app = PointspotHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (SchemaNotReadyException exception)
{
    Console.Error.WriteLine($"Pointspot cannot start: {exception.Message}");
    return 2;
}
catch (DatabaseMigrationException exception)
{
    Console.Error.WriteLine($"Pointspot cannot start: {exception.Message}");
    return 2;
}
