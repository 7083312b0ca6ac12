namespace Pointspot.Api.Http;

/// <summary>Limits on GraphQL requests; configured under the "GraphQL" section.</summary>
public sealed class GraphQLLimits
{
    /// <summary>Maximum request body in bytes; a larger body is rejected with 413.</summary>
    public long MaxRequestBytes { get; set; } = 1_048_576;

    /// <summary>Maximum length of the query document in characters.</summary>
    public int MaxDocumentLength { get; set; } = 32_768;

    /// <summary>Maximum nesting of the document as parsed; deeper documents are rejected before validation.</summary>
    public int MaxParserDepth { get; set; } = 64;

    /// <summary>Maximum selection depth of the operation.</summary>
    public int MaxQueryDepth { get; set; } = 12;

    /// <summary>Maximum fields an operation selects, counted with its fragments expanded.</summary>
    public int MaxFields { get; set; } = 2_000;

    /// <summary>
    /// Maximum fields at the top level of an operation, aliases included. Top-level fields are
    /// the ones that read the database, so this bounds the reads one request can start.
    /// </summary>
    public int MaxTopLevelFields { get; set; } = 20;

    /// <summary>Maximum complexity as GraphQL.NET's complexity rule computes it.</summary>
    public int MaxComplexity { get; set; } = 5_000;
}
