using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace Pointspot.Api.Http;

/// <summary>
/// Parsed documents that passed validation, by query text. A POS sends the same few documents
/// all day, so parsing and validation are paid once per document. When full, the cache is
/// cleared rather than tracked per entry.
/// </summary>
public sealed class DocumentCache(int capacity = 1_000)
{
    private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

    public bool TryGet(string query, out GraphQLDocument document) => _documents.TryGetValue(query, out document!);

    public void Add(string query, GraphQLDocument document)
    {
        if (_documents.Count >= capacity)
        {
            _documents.Clear();
        }

        _documents.TryAdd(query, document);
    }
}
