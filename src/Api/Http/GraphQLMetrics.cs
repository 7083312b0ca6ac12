using System.Diagnostics.Metrics;
using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Pointspot.Api.Http;

/// <summary>
/// Counts GraphQL requests on the meter <see cref="MeterName"/> by operation and outcome. The
/// operation is the root field that the request selects (collectPoints, member, ...), checked
/// against the schema, so a client cannot make up new label values.
/// </summary>
public sealed class GraphQLMetrics
{
    public const string MeterName = "Pointspot.Api";

    /// <summary>The label of requests with no valid operation (unreadable, or of several or unknown fields).</summary>
    public const string UnknownOperation = "unknown";

    public const string Succeeded = "OK";

    private const string OperationItem = "pointspot.graphql.operation";

    private readonly Counter<long> _requests;

    public GraphQLMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>(
            "pointspot.graphql.requests", unit: "{request}",
            description: "GraphQL responses sent, by root field (graphql.operation) and outcome "
                + "(OK, or the code of the first error).");
    }

    /// <summary>Stores the request's operation label in the request's items for <see cref="RecordResponse"/>.</summary>
    public static void SetOperation(HttpContext http, ISchema schema, GraphQLDocument document, string? operationName)
    {
        http.Items[OperationItem] = OperationLabel(schema, document, operationName);
    }

    public void RecordResponse(HttpContext http, ExecutionResult result)
    {
        if (!_requests.Enabled)
        {
            return;
        }

        string operation = http.Items.TryGetValue(OperationItem, out var label) ? (string)label! : UnknownOperation;
        string outcome = result.Errors is { Count: > 0 } errors ? errors[0].Code ?? "ERROR" : Succeeded;
        _requests.Add(1,
            new KeyValuePair<string, object?>("graphql.operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));
    }

    private static string OperationLabel(ISchema schema, GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        if (selected?.SelectionSet.Selections is not [GraphQLField field])
        {
            return UnknownOperation;
        }

        string name = field.Name.StringValue;
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            return "introspection";
        }

        IComplexGraphType? root = selected.Operation switch
        {
            OperationType.Query => schema.Query,
            OperationType.Mutation => schema.Mutation,
            _ => schema.Subscription,
        };
        return root?.GetField(name) is not null ? name : UnknownOperation;
    }
}
