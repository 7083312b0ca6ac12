using Pointspot.Replay.GraphQL;

namespace Pointspot.Replay.Ledger;

/// <summary>The server's totals of the merchant's ledger, from the pointsSummary query.</summary>
/// <param name="LedgerPoints">The sum of the points of every ledger entry of the merchant.</param>
/// <param name="MemberBalances">The sum of each member's latest balance as recorded in the ledger.</param>
internal sealed record PointsSummary(
    long Members, long Entries, long LedgerPoints, long MemberBalances)
{
    /// <summary>Returns the summary in a response, or null when it has errors or lacks a field.</summary>
    public static PointsSummary? FromResponse(GraphQLResponse response)
    {
        if (response.FirstError is not null || response.Data is not { } data)
        {
            return null;
        }

        long? members = data.GetInt64At("pointsSummary", "members");
        long? entries = data.GetInt64At("pointsSummary", "entries");
        long? ledgerPoints = data.GetInt64At("pointsSummary", "ledgerPoints");
        long? memberBalances = data.GetInt64At("pointsSummary", "memberBalances");

        return members is null || entries is null || ledgerPoints is null || memberBalances is null
            ? null
            : new PointsSummary(members.Value, entries.Value, ledgerPoints.Value, memberBalances.Value);
    }

    public static async Task<(PointsSummary? Summary, GraphQLError? Error)> FetchAsync(
        GraphQLClient client, string apiKey, CancellationToken cancellationToken)
    {
        var request = new GraphQLRequest(Operations.PointsSummary);
        var response = await client.SendAsync(request, apiKey, cancellationToken);
        var summary = FromResponse(response);
        if (summary is not null)
        {
            return (summary, null);
        }

        return (null, response.FirstError
            ?? new GraphQLError(GraphQLResponse.InvalidResponse,
                "The response to pointsSummary lacks one of its four fields."));
    }
}
