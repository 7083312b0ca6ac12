using Pointspot.Grains.Interfaces.Logging;

namespace Pointspot.Silo.Logging;

/// <summary>
/// Reopens the request's logging scope around each grain call that carries one in Orleans'
/// request context, so the lines a grain logs for a request name its request and merchant.
/// Calls outside a request (reminders, the ledger's flush loop) run without it.
/// </summary>
public sealed class RequestLogScopeFilter(ILoggerFactory loggerFactory) : IIncomingGrainCallFilter
{
    // Any logger of the factory opens the scope: the factory's providers share one scope stack.
    private readonly ILogger _logger = loggerFactory.CreateLogger<RequestLogScopeFilter>();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestLogScope.FromRequestContext() is not { } scope)
        {
            await context.Invoke();
            return;
        }

        using (_logger.BeginScope(scope))
        {
            await context.Invoke();
        }
    }
}
