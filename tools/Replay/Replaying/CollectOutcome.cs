using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Replaying;

/// <summary>What the server did with one collectPoints request.</summary>
internal abstract record CollectOutcome
{
    /// <summary>Returns the outcome of a response; any error, after retries, makes it a rejection.</summary>
    public static CollectOutcome FromResponse(GraphQLResponse response)
    {
        if (response.FirstError is { } error)
        {
            return new Rejected(error.Code, error.Message);
        }

        if (response.Data is { } data
            && data.GetInt64At("collectPoints", "entry", "points") is { } points
            && data.GetBooleanAt("collectPoints", "replayed") is { } replayed)
        {
            return new Accepted(points, replayed);
        }

        return new Rejected(GraphQLResponse.InvalidResponse,
            "The response to collectPoints has neither errors nor entry.points and replayed.");
    }

    /// <summary>An accepted purchase.</summary>
    /// <param name="Replayed">
    /// True when the server returned the stored result of an earlier request with the same
    /// idempotency key, so these points were awarded before and not again.
    /// </param>
    public sealed record Accepted(long Points, bool Replayed) : CollectOutcome;

    public sealed record Rejected(string Code, string Message) : CollectOutcome;
}
