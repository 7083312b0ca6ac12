using System.Collections;
using Orleans.Runtime;

namespace Pointspot.Grains.Interfaces.Logging;

/// <summary>
/// The ids that every log line of a request carries: the HTTP request id and, once the caller is
/// known, its merchant. The Api opens it as a logging scope and puts it in Orleans' request
/// context, which travels with grain calls, so a silo reopens it around each grain call it serves.
/// </summary>
public sealed class RequestLogScope(string requestId, Guid? merchantId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string RequestIdKey = "pointspot.request-id";
    private const string MerchantIdKey = "pointspot.merchant-id";

    public string RequestId { get; } = requestId;

    public Guid? MerchantId { get; } = merchantId;

    public int Count => MerchantId is null ? 1 : 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("RequestId", RequestId),
        1 when MerchantId is { } merchantId => new("MerchantId", merchantId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Stores the ids in Orleans' request context of the current call flow.</summary>
    public void AddToRequestContext()
    {
        RequestContext.Set(RequestIdKey, RequestId);
        if (MerchantId is { } merchantId)
        {
            RequestContext.Set(MerchantIdKey, merchantId);
        }
    }

    /// <summary>Returns the scope that the request context carries, or null outside a request.</summary>
    public static RequestLogScope? FromRequestContext() =>
        RequestContext.Get(RequestIdKey) is string requestId
            ? new RequestLogScope(requestId, RequestContext.Get(MerchantIdKey) as Guid?)
            : null;

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        MerchantId is { } merchantId ? $"RequestId:{RequestId} MerchantId:{merchantId}" : $"RequestId:{RequestId}";
}
