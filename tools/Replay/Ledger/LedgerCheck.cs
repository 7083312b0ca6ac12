using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Replaying;

namespace Pointspot.Replay.Ledger;

/// <summary>Fetches the totals of <see cref="LedgerCheckResult"/> through the API.</summary>
internal sealed class LedgerCheck(GraphQLClient client, string apiKey, int concurrency)
{
    public async Task<LedgerCheckResult> RunAsync(
        long expectedPoints,
        IReadOnlyList<string> phones,
        CodeCounter retries,
        Func<string, long, Func<ProgressCounts>, ProgressDisplay> startProgress,
        CancellationToken cancellationToken)
    {
        var balances = new MemberBalanceSum();
        long retriesBefore = retries.Total;
        ProgressCounts ReadProgress() =>
            new(balances.Done, balances.Failures.Total, retries.Total - retriesBefore);

        await using (startProgress("balances", phones.Count, ReadProgress))
        {
            await balances.AddAsync(client, apiKey, phones, concurrency, cancellationToken);
        }

        // Read after the balances, so that both see every purchase this run committed.
        var (summary, summaryError) = await PointsSummary.FetchAsync(client, apiKey, cancellationToken);

        return new LedgerCheckResult(
            expectedPoints,
            phones.Count,
            balances.Sum,
            balances.NotFound,
            balances.Failures.ByCount(),
            summary,
            summaryError);
    }
}
