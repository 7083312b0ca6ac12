using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pointspot.Api.GraphQL;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Logging;

namespace Pointspot.Api.Http;

/// <summary>
/// GraphQL over HTTP at /graphql: POST with application/json, GET for queries only, responses in
/// application/graphql-response+json (or application/json when the client asks only for it), with
/// the status codes of the GraphQL-over-HTTP specification.
/// </summary>
public sealed partial class GraphQLHttpEndpoint(
    IDocumentExecuter executer,
    ISchema schema,
    IGraphQLTextSerializer serializer,
    IGrainFactory grains,
    DocumentCache documents,
    IOptions<GraphQLLimits> limits,
    GraphQLMetrics metrics,
    ILogger<GraphQLHttpEndpoint> logger)
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    public const string JsonMediaType = "application/json";

    private readonly GraphQLLimits _limits = limits.Value;
    private readonly IValidationRule _complexityRule = new ComplexityValidationRule(new ComplexityOptions
    {
        MaxDepth = limits.Value.MaxQueryDepth,
        MaxComplexity = limits.Value.MaxComplexity,
    });

    public async Task HandleAsync(HttpContext http)
    {
        string? mediaType = NegotiateMediaType(http.Request);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(http, JsonMediaType, StatusCodes.Status406NotAcceptable,
                $"Accept \"{http.Request.Headers.Accept}\" allows no response type of this endpoint: accept {GraphQLResponseMediaType} or {JsonMediaType}.");
            return;
        }

        GraphQLRequest request;
        try
        {
            request = await ReadRequestAsync(http);
        }
        catch (BadGraphQLRequestException exception)
        {
            await WriteRequestErrorAsync(http, mediaType, exception.StatusCode, exception.Message);
            return;
        }

        if (request.Query!.Length > _limits.MaxDocumentLength)
        {
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status400BadRequest,
                $"The query document is {request.Query.Length} characters long: the maximum is {_limits.MaxDocumentLength}.");
            return;
        }

        GraphQLDocument? document;
        bool validatedBefore = documents.TryGet(request.Query, out document);
        try
        {
            document ??= new GraphQLDocumentBuilder { MaxDepth = _limits.MaxParserDepth }.Build(request.Query);
        }
        catch (Exception exception) when (exception is GraphQLMaxDepthExceededException
                                              || exception.InnerException is GraphQLMaxDepthExceededException)
        {
            // The parser throws this one itself, not wrapped in an ExecutionError.
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status400BadRequest,
                $"The query document is nested deeper than {_limits.MaxParserDepth} levels: flatten it.");
            return;
        }
        catch (ExecutionError exception)
        {
            // GraphQL.NET's document builder reports a syntax error as a SyntaxError with code
            // SYNTAX_ERROR. Legacy application/json clients get 200 for it, as for validation errors.
            await WriteResultAsync(http, mediaType, new ExecutionResult { Errors = [exception] },
                mediaType == GraphQLResponseMediaType ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
            return;
        }

        GraphQLMetrics.SetOperation(http, schema, document, request.OperationName);
        if (!validatedBefore && CheckShape(document) is { } shapeError)
        {
            // Rejected like a document that fails validation.
            await WriteResultAsync(http, mediaType,
                new ExecutionResult { Errors = [new ExecutionError(shapeError) { Code = ErrorCodes.QueryTooLarge }] },
                mediaType == GraphQLResponseMediaType ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
            return;
        }

        if (HttpMethods.IsGet(http.Request.Method) && IsMutation(document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteRequestErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed,
                "Mutations are not allowed over GET: send them with POST.");
            return;
        }

        var result = await ExecuteAsync(http, request, document, validatedBefore);
        if (!validatedBefore && result.Executed)
        {
            documents.Add(request.Query, document);
        }

        int status = mediaType == GraphQLResponseMediaType && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        await WriteResultAsync(http, mediaType, result, status);
    }

    /// <summary>Returns an error message when the document selects too many fields, or null.</summary>
    private string? CheckShape(GraphQLDocument document)
    {
        var (fields, topLevelFields) = DocumentShape.Measure(document, (long)_limits.MaxFields + 1);
        if (fields > _limits.MaxFields)
        {
            return $"The operation selects more than {_limits.MaxFields} fields once its fragments are expanded: "
                + "select fewer fields.";
        }

        return topLevelFields > _limits.MaxTopLevelFields
            ? $"The operation selects {topLevelFields} top-level fields: the maximum is {_limits.MaxTopLevelFields}. "
                + "Split it into several requests."
            : null;
    }

    private async Task<GraphQLRequest> ReadRequestAsync(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return GraphQLRequestReader.ReadGet(request, serializer);
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            throw new BadGraphQLRequestException(
                $"{request.Method} is not supported: send GraphQL requests with POST, or GET for queries.",
                StatusCodes.Status405MethodNotAllowed);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BadGraphQLRequestException(
                $"Content-Type \"{request.ContentType}\" is not supported: send the request as {JsonMediaType}.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        if (contentType.Charset.HasValue && !contentType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !contentType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadGraphQLRequestException(
                $"Content-Type charset \"{contentType.Charset}\" is not supported: send the body as UTF-8.",
                StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > _limits.MaxRequestBytes)
        {
            throw new BadGraphQLRequestException(
                $"The request body is {request.ContentLength} bytes: the maximum is {_limits.MaxRequestBytes}.",
                StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            return await GraphQLRequestReader.ReadPostAsync(request, serializer);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BadGraphQLRequestException(
                $"The request body is larger than {_limits.MaxRequestBytes} bytes: send a smaller request.",
                StatusCodes.Status413PayloadTooLarge);
        }
    }

    private async Task<ExecutionResult> ExecuteAsync(
        HttpContext http, GraphQLRequest request, GraphQLDocument document, bool validatedBefore)
    {
        string? bearer = BearerSecrets.Read(http.Request);
        string requestId = http.TraceIdentifier;
        var context = new GraphQLUserContext(grains, bearer, requestId, http.Connection.RemoteIpAddress?.ToString());

        // Every line logged for this request, here and in the grains it calls, names the request
        // and the caller's merchant. Resolving the caller first costs nothing extra: the context
        // keeps the result for the resolvers.
        var caller = await context.TryGetCallerAsync();
        var logScope = new RequestLogScope(requestId, caller?.MerchantId);
        logScope.AddToRequestContext();
        using var scope = logger.BeginScope(logScope);
        return await executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = request.Query;
            options.Document = document;
            options.OperationName = request.OperationName;
            options.Variables = request.Variables;
            options.Extensions = request.Extensions;
            options.UserContext = context;
            options.RequestServices = http.RequestServices;
            options.CancellationToken = http.RequestAborted;
            // A cached document passed the core rules before, and they do not depend on the
            // variables, which GraphQL.NET still coerces on every request. The complexity rule
            // does: it multiplies list fields by page sizes passed as variables.
            // Introspection skips the complexity rule, which scores the nested ofType fields of
            // the standard introspection query at over 200,000; the field limit still applies.
            IValidationRule[] limitRules = DocumentShape.IsIntrospectionOnly(document) ? [] : [_complexityRule];
            options.ValidationRules = validatedBefore
                ? limitRules
                : [.. DocumentValidator.CoreRules, .. limitRules];
            options.UnhandledExceptionDelegate = exceptionContext =>
            {
                var (code, message) = ErrorClassifier.Classify(exceptionContext.OriginalException, requestId);
                if (code == ErrorCodes.Internal)
                {
                    LogUnhandled(exceptionContext.OriginalException, requestId);
                }

                exceptionContext.Exception = new ExecutionError(message) { Code = code };
                return Task.CompletedTask;
            };
        });
    }

    private async Task WriteResultAsync(HttpContext http, string mediaType, ExecutionResult result, int status)
    {
        metrics.RecordResponse(http, result);
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    private Task WriteRequestErrorAsync(HttpContext http, string mediaType, int status, string message)
    {
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = ErrorCodes.InvalidInput }] };
        if (status == StatusCodes.Status406NotAcceptable || status == StatusCodes.Status415UnsupportedMediaType
            || status == StatusCodes.Status413PayloadTooLarge || status == StatusCodes.Status405MethodNotAllowed)
        {
            result.Errors[0].Code = status switch
            {
                StatusCodes.Status406NotAcceptable => "NOT_ACCEPTABLE",
                StatusCodes.Status415UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
                StatusCodes.Status413PayloadTooLarge => "REQUEST_TOO_LARGE",
                _ => "METHOD_NOT_ALLOWED",
            };
        }
        else
        {
            result.Errors[0].Code = "BAD_REQUEST";
        }

        return WriteResultAsync(http, mediaType, result, status);
    }

    /// <summary>
    /// Picks the response type from Accept. Without an Accept header, or with only a wildcard,
    /// the legacy application/json is used, which keeps HTTP 200 for GraphQL errors as older
    /// clients expect.
    /// </summary>
    private static string? NegotiateMediaType(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return JsonMediaType;
        }

        foreach (var candidate in accepted.OrderByDescending(a => a.Quality ?? 1.0))
        {
            if (candidate.Quality == 0)
            {
                continue;
            }

            var type = candidate.MediaType;
            if (type.Equals(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase))
            {
                return GraphQLResponseMediaType;
            }

            if (type.Equals(JsonMediaType, StringComparison.OrdinalIgnoreCase)
                || type.Equals("*/*", StringComparison.Ordinal)
                || type.Equals("application/*", StringComparison.OrdinalIgnoreCase))
            {
                return JsonMediaType;
            }
        }

        return null;
    }

    private static bool IsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return selected?.Operation == OperationType.Mutation;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Unhandled error in GraphQL request {RequestId}")]
    private partial void LogUnhandled(Exception exception, string requestId);
}
