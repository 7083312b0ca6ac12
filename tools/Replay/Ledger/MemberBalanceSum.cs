using System.Text.Json;
using System.Text.Json.Nodes;
using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Replaying;

namespace Pointspot.Replay.Ledger;

/// <summary>Adds up the balances of members queried one phone at a time with member(phone).</summary>
internal sealed class MemberBalanceSum
{
    private long sum;
    private long done;
    private long notFound;

    public long Sum => Interlocked.Read(ref sum);

    public long Done => Interlocked.Read(ref done);

    /// <summary>Phones with no member at the merchant, counted as a balance of 0.</summary>
    public long NotFound => Interlocked.Read(ref notFound);

    /// <summary>Phones whose query failed after retries, by error code.</summary>
    public CodeCounter Failures { get; } = new();

    public Task AddAsync(
        GraphQLClient client, string apiKey, IEnumerable<string> phones, int concurrency,
        CancellationToken cancellationToken)
    {
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = concurrency,
            CancellationToken = cancellationToken,
        };

        return Parallel.ForEachAsync(phones, options, async (phone, token) =>
        {
            var variables = new JsonObject { ["phone"] = phone };
            var request = new GraphQLRequest(Operations.MemberBalance, variables);
            var response = await client.SendAsync(request, apiKey, token);
            Record(phone, response);
        });
    }

    internal void Record(string phone, GraphQLResponse response)
    {
        if (response.FirstError is { } error)
        {
            Failures.Add(error.Code, $"{phone}: {error.Message}");
        }
        else if (response.Data is { } data && data.GetInt64At("member", "balance") is { } balance)
        {
            Interlocked.Add(ref sum, balance);
        }
        else if (response.Data is { } other
            && other.TryGetProperty("member", out var member)
            && member.ValueKind == JsonValueKind.Null)
        {
            Interlocked.Increment(ref notFound);
        }
        else
        {
            Failures.Add(GraphQLResponse.InvalidResponse,
                $"{phone}: the response to member has no member.balance.");
        }

        Interlocked.Increment(ref done);
    }
}
