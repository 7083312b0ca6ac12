using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Purchases;

namespace Pointspot.Replay.Replaying;

/// <summary>The running counts of a replay, updated from many requests at once.</summary>
internal sealed class ReplayTally
{
    /// <summary>The rejection code of a file line that could not be read and was never sent.</summary>
    public const string InvalidLineCode = "INVALID_LINE";

    private long sent;
    private long acceptedNew;
    private long acceptedReplayed;
    private long pointsAwarded;

    public long Sent => Interlocked.Read(ref sent);

    public long AcceptedNew => Interlocked.Read(ref acceptedNew);

    public long AcceptedReplayed => Interlocked.Read(ref acceptedReplayed);

    /// <summary>The sum of entry.points over accepted purchases that were not replays.</summary>
    public long PointsAwarded => Interlocked.Read(ref pointsAwarded);

    /// <summary>Rejected purchases by error code, invalid file lines included.</summary>
    public CodeCounter Rejections { get; } = new();

    /// <summary>Retries by the error code that caused them.</summary>
    public CodeCounter Retries { get; } = new();

    public long Rejected => Rejections.Total;

    public void RecordInvalidLine(InvalidLine line) =>
        Rejections.Add(InvalidLineCode,
            $"line {line.LineNumber}: {line.Reason}: \"{line.Content.Trim()}\"");

    public void RecordOutcome(Purchase purchase, CollectOutcome outcome)
    {
        Interlocked.Increment(ref sent);
        switch (outcome)
        {
            case CollectOutcome.Accepted { Replayed: true }:
                Interlocked.Increment(ref acceptedReplayed);
                break;

            case CollectOutcome.Accepted accepted:
                Interlocked.Increment(ref acceptedNew);
                Interlocked.Add(ref pointsAwarded, accepted.Points);
                break;

            case CollectOutcome.Rejected rejected:
                Rejections.Add(rejected.Code, $"line {purchase.LineNumber}: {rejected.Message}");
                break;
        }
    }

    public void RecordRetry(GraphQLRetry retry) => Retries.Add(retry.Code, retry.Message);

    public ProgressCounts Progress() => new(Sent, Rejected, Retries.Total);
}
