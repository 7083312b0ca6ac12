using System.Globalization;
using Pointspot.Replay.GraphQL;
using Pointspot.Replay.Replaying;
using static Pointspot.Replay.InvariantText;

namespace Pointspot.Replay.Ledger;

/// <summary>
/// The four totals that must agree after a replay: the points the file should earn, the sum of the
/// balances of the file's members, and the server's ledgerPoints and memberBalances.
/// </summary>
/// <param name="ExpectedPoints">
/// The sum over the file's purchases of floor(dollars / spend per point).
/// </param>
/// <param name="Phones">The distinct phones of the file, each queried with member(phone).</param>
internal sealed record LedgerCheckResult(
    long ExpectedPoints,
    long Phones,
    long MemberBalanceSum,
    long MembersNotFound,
    IReadOnlyList<CodeCount> MemberQueryFailures,
    PointsSummary? Summary,
    GraphQLError? SummaryError)
{
    public bool Passed => Problems().Count == 0;

    /// <summary>Returns why the check failed, one sentence per cause; empty when it passed.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        long failedPhones = MemberQueryFailures.Sum(failure => failure.Count);
        if (failedPhones > 0)
        {
            var first = MemberQueryFailures[0];
            problems.Add(
                $"member(phone) failed for {Number(failedPhones)} phones, so their balances are "
                + $"missing ({first.Code}, e.g. {first.Example})");
        }

        if (Summary is null)
        {
            string reason = SummaryError is null
                ? "no response"
                : $"{SummaryError.Code}: {SummaryError.Message}";
            problems.Add($"pointsSummary failed ({reason})");
            return problems;
        }

        AddIfDifferent(problems, "member balances", MemberBalanceSum);
        AddIfDifferent(problems, "ledgerPoints", Summary.LedgerPoints);
        AddIfDifferent(problems, "memberBalances", Summary.MemberBalances);
        return problems;
    }

    private void AddIfDifferent(List<string> problems, string name, long actual)
    {
        if (actual != ExpectedPoints)
        {
            string difference = (actual - ExpectedPoints).ToString("+#,0;-#,0", CultureInfo.InvariantCulture);
            problems.Add(
                $"{name} is {Number(actual)}, but the file's purchases earn {Number(ExpectedPoints)} "
                + $"({difference})");
        }
    }
}
