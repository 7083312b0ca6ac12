using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Ledger;

/// <summary>
/// Instruments of the ledger's group commit, on the meter <see cref="MeterName"/>. Each record
/// method checks <see cref="Instrument.Enabled"/> first, so without a listener (no exporter
/// configured) a flush pays one field read per instrument.
/// </summary>
public sealed class LedgerMetrics
{
    public const string MeterName = "Pointspot.Ledger";

    private readonly Counter<long> _entries;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _flushDuration;

    public LedgerMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _entries = Meter.CreateCounter<long>(
            "pointspot.ledger.entries", unit: "{entry}",
            description: "Ledger entries committed, by kind (EARN, PAY, ...). Rows skipped as repeats are not counted.");
        _batchSize = Meter.CreateHistogram(
            "pointspot.ledger.batch.size", unit: "{row}",
            description: "Rows sent in one group-commit insert.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });
        _flushDuration = Meter.CreateHistogram(
            "pointspot.ledger.flush.duration", unit: "s",
            description: "Time from sending a group-commit insert to reading its last committed row.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
            });
    }

    /// <summary>The meter of these instruments, for listeners that want only this writer's.</summary>
    public Meter Meter { get; }

    /// <summary>Returns a timestamp for <see cref="RecordFlush"/>, or 0 when no listener records the duration.</summary>
    public long StartFlush() => _flushDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    public void RecordFlush(long startTimestamp, int batchSize)
    {
        if (_batchSize.Enabled)
        {
            _batchSize.Record(batchSize);
        }

        if (startTimestamp != 0)
        {
            _flushDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }

    public void RecordCommitted(LedgerEntryKind kind)
    {
        if (_entries.Enabled)
        {
            _entries.Add(1, new KeyValuePair<string, object?>("kind", kind.ToDatabase()));
        }
    }

    /// <summary>Reports whether <see cref="RecordCommitted"/> records anything, so callers can skip their loop.</summary>
    public bool CountsEntries => _entries.Enabled;
}
