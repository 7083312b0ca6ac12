using System.Data.Common;
using Orleans.Runtime;
using Pointspot.Grains.Interfaces;

namespace Pointspot.Api.Http;

/// <summary>Maps an exception that escaped a resolver to a stable error code and a message safe to show.</summary>
public static class ErrorClassifier
{
    public static (string Code, string Message) Classify(Exception exception, string requestId)
    {
        if (IsTransient(exception))
        {
            return (ErrorCodes.Unavailable,
                "The service is unavailable right now: retry with the same idempotency key.");
        }

        if (exception is FormatException format)
        {
            return (ErrorCodes.InvalidInput, format.Message);
        }

        return (ErrorCodes.Internal, $"An internal error occurred; quote request id {requestId} when reporting it.");
    }

    private static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException or OrleansMessageRejectionException or SiloUnavailableException
                or OperationCanceledException or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
