namespace Pointspot.Bench;

/// <summary>
/// The counts and latencies of one client. Each client owns its tally, so recording takes no lock;
/// the tallies are merged after the run.
/// </summary>
public sealed class ClientTally
{
    /// <summary>Latencies in Stopwatch ticks of the requests started in the measured window.</summary>
    public List<long> MeasuredLatencies { get; } = new(capacity: 16_384);

    /// <summary>Errors of the measured window by extensions.code or transport failure.</summary>
    public Dictionary<string, long> MeasuredErrors { get; } = new(StringComparer.Ordinal);

    public long Measured { get; private set; }

    public long Acknowledged { get; private set; }

    public long Replayed { get; private set; }

    public long Rejected { get; private set; }

    public long Unknown { get; private set; }

    public void Add(Outcome outcome, long latencyTicks, bool measured)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.Acknowledged:
                Acknowledged++;
                break;
            case OutcomeKind.Replayed:
                Replayed++;
                break;
            case OutcomeKind.Rejected:
                Rejected++;
                break;
            default:
                Unknown++;
                break;
        }

        if (!measured)
        {
            return;
        }

        Measured++;
        MeasuredLatencies.Add(latencyTicks);
        if (outcome.Code is { } code)
        {
            MeasuredErrors[code] = MeasuredErrors.GetValueOrDefault(code) + 1;
        }
    }
}
