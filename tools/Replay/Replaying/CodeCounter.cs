using System.Collections.Concurrent;

namespace Pointspot.Replay.Replaying;

/// <summary>How often one error code occurred, with the first message seen for it.</summary>
internal sealed record CodeCount(string Code, long Count, string Example);

/// <summary>Counts error codes from many threads, keeping one example message per code.</summary>
internal sealed class CodeCounter
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long total;

    public long Total => Interlocked.Read(ref total);

    public void Add(string code, string example)
    {
        var entry = entries.GetOrAdd(code, static (_, message) => new Entry(message), example);
        Interlocked.Increment(ref entry.Count);
        Interlocked.Increment(ref total);
    }

    /// <summary>Returns the codes, most frequent first.</summary>
    public IReadOnlyList<CodeCount> ByCount() =>
        entries
            .Select(pair => new CodeCount(
                pair.Key, Interlocked.Read(ref pair.Value.Count), pair.Value.Example))
            .OrderByDescending(count => count.Count)
            .ThenBy(count => count.Code, StringComparer.Ordinal)
            .ToList();

    private sealed class Entry(string example)
    {
        public long Count;

        public string Example { get; } = example;
    }
}
