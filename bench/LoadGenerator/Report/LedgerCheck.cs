namespace Pointspot.Bench.Report;

/// <summary>
/// Compares the ledger rows with the acknowledged collectPoints responses. Every acknowledged
/// response promises one committed row, so fewer rows means a lost write. More rows than
/// acknowledged are explained only by requests whose outcome is unknown (timeouts, UNAVAILABLE),
/// and any beyond those are doubled writes. A replayed response fails the check too, because
/// every request carries a new idempotency key.
/// </summary>
public sealed record LedgerCheck(long Rows, long Acknowledged, long Unknown, long Replayed)
{
    public bool Passed => Rows >= Acknowledged && Rows <= Acknowledged + Unknown && Replayed == 0;

    public static LedgerCheck? From(ResultSet results)
    {
        if (results.LedgerRows is not { } rows)
        {
            return null;
        }

        var runs = results.WritingRuns.ToList();
        return new LedgerCheck(
            rows, runs.Sum(r => r.Acknowledged), runs.Sum(r => r.Unknown), runs.Sum(r => r.Replayed));
    }

    public string Verdict
    {
        get
        {
            if (Replayed > 0)
            {
                return $"FAILED: {Replayed:N0} responses were replays, so idempotency keys repeated "
                    + "and the count proves nothing.";
            }

            if (Rows == Acknowledged)
            {
                return "equal: no lost and no doubled write.";
            }

            if (Rows < Acknowledged)
            {
                return $"FAILED: {Acknowledged - Rows:N0} acknowledged writes are missing from the ledger.";
            }

            return Rows <= Acknowledged + Unknown
                ? $"{Rows - Acknowledged:N0} more rows than acknowledged, within the {Unknown:N0} "
                  + "requests whose outcome is unknown."
                : $"FAILED: {Rows - Acknowledged - Unknown:N0} more rows than acknowledged and unknown "
                  + "requests together (doubled writes).";
        }
    }

    /// <summary>The check as one table cell, e.g. "312,345 = 312,345".</summary>
    public string Cell => Rows == Acknowledged && Replayed == 0
        ? $"{Rows:N0} = {Acknowledged:N0}"
        : $"{Rows:N0} vs {Acknowledged:N0} (+{Unknown:N0} unknown){(Passed ? "" : " FAILED")}";
}
