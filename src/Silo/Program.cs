using System.Net.Sockets;
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
catch (IOException exception) when (exception.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
    || exception.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine(
        $"Pointspot cannot start: {exception.Message.TrimEnd('.')}. Another process uses the port: stop it, or set Urls "
        + "(the API) or Orleans:SiloPort and Orleans:GatewayPort to free ports.");
    return 2;
}
