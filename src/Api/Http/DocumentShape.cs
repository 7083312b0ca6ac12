using GraphQLParser.AST;

namespace Pointspot.Api.Http;

/// <summary>
/// Counts the fields an operation selects once its fragment spreads are expanded, and the fields
/// it selects at its top level. Each fragment is counted once and its counts reused, so a document
/// whose fragments double at every level costs time linear in its length here, while GraphQL.NET's
/// complexity rule would expand it in full.
/// </summary>
public sealed class DocumentShape
{
    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Counts> _fragmentCounts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _counting = new(StringComparer.Ordinal);
    private readonly long _cap;

    private DocumentShape(GraphQLDocument document, long cap)
    {
        _cap = cap;
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
        {
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        }
    }

    /// <summary>
    /// Returns the largest expanded field count and top-level field count among the document's
    /// operations. Counts stop growing at <paramref name="cap"/>.
    /// </summary>
    public static (long Fields, long TopLevelFields) Measure(GraphQLDocument document, long cap)
    {
        var shape = new DocumentShape(document, cap);
        var largest = new Counts(0, 0);
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            var counts = shape.Count(operation.SelectionSet);
            largest = new Counts(Math.Max(largest.Fields, counts.Fields), Math.Max(largest.TopLevel, counts.TopLevel));
        }

        return (largest.Fields, largest.TopLevel);
    }

    /// <summary>
    /// Tells whether every operation of the document selects only introspection fields
    /// (<c>__schema</c>, <c>__type</c>, <c>__typename</c>) at its top level. Such a query reads the
    /// schema in memory, and its size is bounded by the field limit.
    /// </summary>
    public static bool IsIntrospectionOnly(GraphQLDocument document)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operations.Count > 0 && operations.All(operation => operation.SelectionSet.Selections.All(
            selection => selection is GraphQLField field && field.Name.StringValue.StartsWith("__", StringComparison.Ordinal)));
    }

    /// <summary>Counts all fields below a selection set, and those at its own level.</summary>
    private Counts Count(GraphQLSelectionSet? selectionSet)
    {
        if (selectionSet is null)
        {
            return new Counts(0, 0);
        }

        long fields = 0;
        long topLevel = 0;
        foreach (var selection in selectionSet.Selections)
        {
            var counts = selection switch
            {
                GraphQLField field => new Counts(1 + Count(field.SelectionSet).Fields, 1),
                GraphQLInlineFragment inline => Count(inline.SelectionSet),
                GraphQLFragmentSpread spread => CountFragment(spread.FragmentName.Name.StringValue),
                _ => new Counts(0, 0),
            };
            fields = Math.Min(fields + counts.Fields, _cap);
            topLevel = Math.Min(topLevel + counts.TopLevel, _cap);
        }

        return new Counts(fields, topLevel);
    }

    private Counts CountFragment(string name)
    {
        if (_fragmentCounts.TryGetValue(name, out var known))
        {
            return known;
        }

        // An unknown or cyclic fragment counts as empty here: validation rejects both later.
        if (!_fragments.TryGetValue(name, out var fragment) || !_counting.Add(name))
        {
            return new Counts(0, 0);
        }

        var counts = Count(fragment.SelectionSet);
        _counting.Remove(name);
        _fragmentCounts[name] = counts;
        return counts;
    }

    private readonly record struct Counts(long Fields, long TopLevel);
}
