using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using Microsoft.Extensions.Logging;
using Pointspot.Api.GraphQL;
using Pointspot.Api.Http;
using Pointspot.Grains.Interfaces;

namespace Pointspot.Api.Live;

/// <summary>
/// One graphql-transport-ws connection. The client sends connection_init (with its bearer secret
/// in the payload's "authorization", or in the upgrade request's Authorization header), the
/// server acknowledges, and then each subscribe message runs one operation whose results go out
/// as next messages followed by complete. Protocol violations close the socket with the
/// protocol's 44xx codes. The connection's bearer secret is resolved again every
/// <see cref="LiveOptions.CredentialCheckInterval"/> and before an event goes out on a stale check,
/// and each subscribe message takes a rate limit permit as an HTTP request does.
/// </summary>
internal sealed partial class GraphQLWebSocketSession(
    WebSocket socket,
    HttpContext http,
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IGrainFactory grains,
    DocumentCache documents,
    GraphQLLimits limits,
    GraphQLWebSocketOptions options,
    ApiRateLimiter rateLimiter,
    LiveOptions liveOptions,
    TimeProvider clock,
    ILogger<GraphQLWebSocketSession> logger)
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, IDisposable> _operations = new();
    private readonly CancellationTokenSource _closed = new();
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);
    private string? _bearer;
    private LiveCredential? _credential;
    private Task _credentialChecks = Task.CompletedTask;
    private bool _initReceived;
    private bool _acknowledged;

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _closed.Token);
        var initTimeout = Task.Delay(options.ConnectionInitTimeout, linked.Token)
            .ContinueWith(async task =>
            {
                if (!task.IsCanceled && !_initReceived)
                {
                    await CloseAsync(4408, "Connection initialisation timeout");
                }
            }, TaskScheduler.Default).Unwrap();

        try
        {
            while (socket.State == WebSocketState.Open && !linked.IsCancellationRequested)
            {
                string? message = await ReceiveAsync(linked.Token);
                if (message is null)
                {
                    break;
                }

                await HandleAsync(message);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException exception)
        {
            LogSocketFailed(exception, http.TraceIdentifier);
        }
        finally
        {
            foreach (var operation in _operations.Values)
            {
                operation.Dispose();
            }

            _operations.Clear();
            await _closed.CancelAsync();
            await initTimeout.ContinueWith(_ => { }, TaskScheduler.Default);
            await _credentialChecks;
        }
    }

    /// <summary>Reads one text message; null when the client closed or sent something unusable.</summary>
    private async Task<string?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var result = await socket.ReceiveAsync(memory, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                return null;
            }

            buffer.Advance(result.Count);
            if (buffer.WrittenCount > options.MaxMessageBytes)
            {
                await CloseAsync(4400, $"Message larger than {options.MaxMessageBytes} bytes");
                return null;
            }

            if (result.EndOfMessage)
            {
                if (result.MessageType != WebSocketMessageType.Text)
                {
                    await CloseAsync(4400, "Binary messages are not supported");
                    return null;
                }

                return Encoding.UTF8.GetString(buffer.WrittenSpan);
            }
        }
    }

    private async Task HandleAsync(string text)
    {
        if (socket.State != WebSocketState.Open)
        {
            // The server sent its close frame: nothing more runs on this connection.
            return;
        }

        JsonElement message;
        string? type;
        try
        {
            using var document = JsonDocument.Parse(text);
            message = document.RootElement.Clone();
            type = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("type", out var t)
                && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        }
        catch (JsonException)
        {
            await CloseAsync(4400, "Invalid message received: not JSON");
            return;
        }

        switch (type)
        {
            case "connection_init":
                await InitAsync(message);
                break;
            case "ping":
                await SendAsync(message.TryGetProperty("payload", out var payload)
                    ? $$"""{"type":"pong","payload":{{payload.GetRawText()}}}"""
                    : """{"type":"pong"}""");
                break;
            case "pong":
                break;
            case "subscribe":
                await SubscribeAsync(message);
                break;
            case "complete":
                if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    && _operations.TryRemove(id.GetString()!, out var operation))
                {
                    operation.Dispose();
                }

                break;
            default:
                await CloseAsync(4400, $"Invalid message received: unknown type \"{type}\"");
                break;
        }
    }

    private async Task InitAsync(JsonElement message)
    {
        if (_initReceived)
        {
            await CloseAsync(4429, "Too many initialisation requests");
            return;
        }

        _initReceived = true;
        _bearer = BearerSecrets.Read(http.Request);
        if (message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
        {
            foreach (string name in new[] { "authorization", "Authorization" })
            {
                if (payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    string header = value.GetString()!;
                    _bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? header["Bearer ".Length..].Trim()
                        : header.Trim();
                }
            }
        }

        if (_bearer is not null && await BearerSecrets.ResolveAsync(grains, _bearer) is null)
        {
            await CloseAsync(4403, "Forbidden: the bearer token or API key is invalid, expired or revoked");
            return;
        }

        if (!string.IsNullOrEmpty(_bearer))
        {
            _credential = new LiveCredential(grains, _bearer, liveOptions.CredentialCheckInterval, clock);
            _credentialChecks = CheckCredentialPeriodicallyAsync(_closed.Token);
        }

        _acknowledged = true;
        await SendAsync("""{"type":"connection_ack"}""");
    }

    private async Task CheckCredentialPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(liveOptions.CredentialCheckPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!await EnsureCredentialAsync(force: true))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Resolves the connection's secret again when forced or when the last check is older than the
    /// interval. Returns false, after closing the socket, when the secret no longer names a caller
    /// (4403) or the check failed (1011, so that the client reconnects and resumes).
    /// </summary>
    private async Task<bool> EnsureCredentialAsync(bool force)
    {
        if (socket.State != WebSocketState.Open)
        {
            return false;
        }

        if (_credential is null)
        {
            return true;
        }

        if (!force && !_credential.IsStale)
        {
            return true;
        }

        bool valid;
        try
        {
            valid = await _credential.CheckAsync();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogCredentialCheckFailed(exception, http.TraceIdentifier);
            await CloseAsync(WebSocketCloseStatus.InternalServerError,
                "Checking the credential failed: reconnect and resume after the last sequence received");
            return false;
        }

        if (!valid)
        {
            await CloseAsync(4403, "Forbidden: the bearer token or API key was revoked, removed or expired");
        }

        return valid;
    }

    private async Task SubscribeAsync(JsonElement message)
    {
        if (!_acknowledged)
        {
            await CloseAsync(4401, "Unauthorized");
            return;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || string.IsNullOrEmpty(idElement.GetString())
            || !message.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            await CloseAsync(4400, "Invalid message received: subscribe needs a string id and an object payload");
            return;
        }

        string id = idElement.GetString()!;
        GraphQLRequest? request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(payload.GetRawText());
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or GraphQLParser.Exceptions.GraphQLParserException)
        {
            await CloseAsync(4400, "Invalid message received: the payload is not a GraphQL request");
            return;
        }

        if (request?.Query is null)
        {
            await CloseAsync(4400, "Invalid message received: the payload has no query");
            return;
        }

        // Every operation takes a permit, as an HTTP request does; the upgrade request took one too.
        var rateLimitKey = new RateLimitKey(_bearer, RateLimits.AddressOf(http));
        if (rateLimiter.TryAcquire(rateLimitKey) is { } retryAfter)
        {
            await SendErrorAsync(id, ErrorCodes.RateLimited, ApiRateLimiter.RejectionMessage(retryAfter));
            return;
        }

        var placeholder = new CancellationDisposable();
        if (_operations.Count >= options.MaxOperations)
        {
            await SendErrorAsync(id, ErrorCodes.InvalidInput,
                $"This connection already runs {options.MaxOperations} operations: complete one first.");
            return;
        }

        if (!_operations.TryAdd(id, placeholder))
        {
            await CloseAsync(4409, $"Subscriber for {id} already exists");
            return;
        }

        var result = await ExecuteAsync(request, placeholder.Token);
        if (result.Streams is { Count: > 0 } streams)
        {
            var subscriptions = streams.Values.Select(stream => stream.Subscribe(new Forwarder(this, id))).ToList();
            var operation = new CompositeDisposable([placeholder, .. subscriptions]);
            if (!_operations.TryUpdate(id, operation, placeholder))
            {
                // The client completed the operation while it started.
                operation.Dispose();
            }

            return;
        }

        _operations.TryRemove(id, out _);
        if (!result.Executed && result.Errors is { Count: > 0 })
        {
            await SendAsync($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"error","payload":{{serializer.Serialize(result.Errors)}}}""");
            return;
        }

        await SendNextAsync(id, result);
        await SendCompleteAsync(id);
    }

    private async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken)
    {
        if (request.Query!.Length > limits.MaxDocumentLength)
        {
            return new ExecutionResult
            {
                Errors = [new ExecutionError($"The query document is {request.Query.Length} characters long: the maximum is {limits.MaxDocumentLength}.")
                { Code = ErrorCodes.QueryTooLarge }],
            };
        }

        bool validatedBefore = documents.TryGet(request.Query, out GraphQLDocument? document);
        if (!validatedBefore)
        {
            // The same limits as over HTTP: parser depth, then fields after fragment expansion.
            try
            {
                document = new GraphQLDocumentBuilder { MaxDepth = limits.MaxParserDepth }.Build(request.Query);
            }
            catch (ExecutionError exception)
            {
                return new ExecutionResult { Errors = [exception] };
            }

            var (fields, topLevelFields) = DocumentShape.Measure(document, (long)limits.MaxFields + 1);
            if (fields > limits.MaxFields || topLevelFields > limits.MaxTopLevelFields)
            {
                return new ExecutionResult
                {
                    Errors = [new ExecutionError(
                        $"The operation selects more than {limits.MaxFields} fields, or more than {limits.MaxTopLevelFields} "
                        + "top-level fields: select fewer.")
                    { Code = ErrorCodes.QueryTooLarge }],
                };
            }
        }

        var context = new GraphQLUserContext(grains, _bearer, http.TraceIdentifier, http.Connection.RemoteIpAddress?.ToString());
        var complexity = new ComplexityValidationRule(new ComplexityOptions
        {
            MaxDepth = limits.MaxQueryDepth,
            MaxComplexity = limits.MaxComplexity,
        });
        var result = await executer.ExecuteAsync(executionOptions =>
        {
            executionOptions.Schema = schema;
            executionOptions.Query = request.Query;
            executionOptions.Document = document;
            executionOptions.OperationName = request.OperationName;
            executionOptions.Variables = request.Variables;
            executionOptions.Extensions = request.Extensions;
            executionOptions.UserContext = context;
            executionOptions.RequestServices = http.RequestServices;
            executionOptions.CancellationToken = cancellationToken;
            executionOptions.ValidationRules = validatedBefore
                ? [complexity]
                : [.. DocumentValidator.CoreRules, complexity];
            executionOptions.UnhandledExceptionDelegate = exceptionContext =>
            {
                var (code, text) = ErrorClassifier.Classify(exceptionContext.OriginalException, http.TraceIdentifier);
                if (code == ErrorCodes.Internal)
                {
                    LogUnhandled(exceptionContext.OriginalException, http.TraceIdentifier);
                }

                exceptionContext.Exception = new ExecutionError(text) { Code = code };
                return Task.CompletedTask;
            };
        });
        if (!validatedBefore && result.Executed)
        {
            documents.Add(request.Query, document!);
        }

        return result;
    }

    private Task SendNextAsync(string id, ExecutionResult result) =>
        SendAsync($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"next","payload":{{serializer.Serialize(result)}}}""");

    private Task SendCompleteAsync(string id) =>
        SendAsync($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"complete"}""");

    private Task SendErrorAsync(string id, string code, string text) =>
        SendAsync($$"""{"id":{{JsonSerializer.Serialize(id)}},"type":"error","payload":{{serializer.Serialize(new[] { new ExecutionError(text) { Code = code } })}}}""");

    private async Task SendAsync(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // The client went away; the receive loop ends the session.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseAsync(int code, string reason) => await CloseAsync((WebSocketCloseStatus)code, reason);

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
        }
        finally
        {
            _sendLock.Release();
        }

        // Closes from outside the receive loop (a failed credential check) give the client time to
        // send its own close frame, because cancelling the pending receive would abort the socket, and
        // the client would see a reset instead of the close code.
        _closed.CancelAfter(CloseHandshakeTimeout);
    }

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "GraphQL WebSocket {RequestId} failed")]
    private partial void LogSocketFailed(Exception exception, string requestId);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Error, Message = "Unhandled error in GraphQL WebSocket operation of {RequestId}")]
    private partial void LogUnhandled(Exception exception, string requestId);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Checking the credential of GraphQL WebSocket {RequestId} failed: closing it")]
    private partial void LogCredentialCheckFailed(Exception exception, string requestId);

    /// <summary>Sends each result of a subscription as a next message, and complete at its end.</summary>
    private sealed class Forwarder(GraphQLWebSocketSession session, string id) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            // An event waits for a successful check when the last one is older than the interval.
            if (session.EnsureCredentialAsync(force: false).GetAwaiter().GetResult())
            {
                session.SendNextAsync(id, value).GetAwaiter().GetResult();
            }
        }

        public void OnError(Exception error)
        {
            var result = new ExecutionResult
            {
                Errors = [error as ExecutionError ?? new ExecutionError("The subscription failed.") { Code = ErrorCodes.Internal }],
            };
            session.SendNextAsync(id, result).GetAwaiter().GetResult();
            OnCompleted();
        }

        public void OnCompleted()
        {
            if (session._operations.TryRemove(id, out var operation))
            {
                operation.Dispose();
                session.SendCompleteAsync(id).GetAwaiter().GetResult();
            }
        }
    }

    private sealed class CancellationDisposable : IDisposable
    {
        private readonly CancellationTokenSource _source = new();

        public CancellationToken Token => _source.Token;

        public void Dispose() => _source.Cancel();
    }

    private sealed class CompositeDisposable(IReadOnlyList<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
