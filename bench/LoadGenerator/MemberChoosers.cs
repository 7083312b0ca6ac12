namespace Pointspot.Bench;

/// <summary>Picks the member (an index from 0) that a client's next request earns points for.</summary>
public interface IMemberChooser
{
    bool TryNext(int client, out int member);
}

/// <summary>
/// Picks members uniformly at random. Each client has its own generator with its own seed, so the
/// clients do not walk the members in lockstep.
/// </summary>
public sealed class RandomMemberChooser : IMemberChooser
{
    private readonly Random[] _generators;
    private readonly int _members;

    public RandomMemberChooser(int members, int clients, int seed)
    {
        _members = members;
        _generators = Enumerable.Range(0, clients)
            .Select(client => new Random(HashCode.Combine(seed, client)))
            .ToArray();
    }

    public bool TryNext(int client, out int member)
    {
        member = _generators[client].Next(_members);
        return true;
    }
}

/// <summary>Hands out each member index once, from 0 up, across all clients. Then it returns false.</summary>
public sealed class EachMemberOnceChooser(int members) : IMemberChooser
{
    private int _next = -1;

    public bool TryNext(int client, out int member)
    {
        member = Interlocked.Increment(ref _next);
        return member < members;
    }
}
