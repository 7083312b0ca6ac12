using System.Globalization;
using Pointspot.Replay.Ledger;
using Pointspot.Replay.Merchants;
using static Pointspot.Replay.InvariantText;

namespace Pointspot.Replay.Replaying;

/// <summary>Writes the summary of a replay and of its ledger check.</summary>
internal static class ReplayReport
{
    private const int LabelWidth = 46;
    private const int ValueWidth = 12;

    /// <param name="purchases">The purchases read from the file: what a full replay sends.</param>
    /// <param name="phones">The distinct member phones of the file.</param>
    public static void WriteSummary(
        TextWriter output, ReplayTally tally, long purchases, long phones, TimeSpan elapsed, bool interrupted)
    {
        output.WriteLine(interrupted ? "Replay (interrupted)" : "Replay");
        string ofAll = interrupted ? $" of {Number(purchases)}" : "";
        WriteRow(output, "purchases sent", Number(tally.Sent) + ofAll);
        WriteRow(output, "accepted (new)", Number(tally.AcceptedNew));
        WriteRow(output, "accepted as replays", Number(tally.AcceptedReplayed));
        WriteRow(output, "rejected", Number(tally.Rejected));
        WriteCodes(output, tally.Rejections);
        WriteRow(output, "members (distinct phones)", Number(phones));
        WriteRow(output, "points awarded (new entries)", Number(tally.PointsAwarded));
        WriteRow(output, "retries", Number(tally.Retries.Total));
        WriteCodes(output, tally.Retries);
        string seconds = elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        WriteRow(output, "elapsed", seconds + " s");

        double rate = elapsed.TotalSeconds > 0 ? tally.Sent / elapsed.TotalSeconds : 0;
        WriteRow(output, "purchases per second", rate.ToString("N0", CultureInfo.InvariantCulture));
        output.WriteLine();
    }

    public static void WriteLedgerCheck(TextWriter output, LedgerCheckResult check)
    {
        output.WriteLine("Ledger check");
        string rule = MerchantSignUp.SpendPerPoint.ToString("0.00", CultureInfo.InvariantCulture);
        WriteRow(output, $"expected points (floor(dollars / {rule}))", Number(check.ExpectedPoints));
        WriteRow(output, $"member balances ({Number(check.Phones)} phones)", Number(check.MemberBalanceSum));
        if (check.MembersNotFound > 0)
        {
            WriteRow(output, "phones with no member (balance 0)", Number(check.MembersNotFound));
        }

        if (check.Summary is { } summary)
        {
            WriteRow(output, "pointsSummary.ledgerPoints", Number(summary.LedgerPoints));
            WriteRow(output, "pointsSummary.memberBalances", Number(summary.MemberBalances));
            WriteRow(output, "pointsSummary.members", Number(summary.Members));
            WriteRow(output, "pointsSummary.entries", Number(summary.Entries));
        }

        var problems = check.Problems();
        string verdict = problems.Count == 0 ? "passed" : "FAILED";
        output.WriteLine(
            $"check member balances == ledgerPoints == memberBalances == expected points: {verdict}");
        foreach (string problem in problems)
        {
            output.WriteLine($"  - {problem}");
        }

        output.WriteLine();
    }

    private static void WriteCodes(TextWriter output, CodeCounter counter)
    {
        foreach (var code in counter.ByCount())
        {
            output.WriteLine($"    {code.Code,-24} {Number(code.Count),10}  e.g. {code.Example}");
        }
    }

    private static void WriteRow(TextWriter output, string label, string value) =>
        output.WriteLine($"  {label.PadRight(LabelWidth)}{value.PadLeft(ValueWidth)}");
}
