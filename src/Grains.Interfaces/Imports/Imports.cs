using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Imports;

public enum ImportKind
{
    /// <summary>Members: phone, name, birth date, gender, labels and opening points.</summary>
    Members = 1,

    /// <summary>Points: phone, points and reason; each row becomes an IMPORT ledger entry.</summary>
    Points = 2,
}

public enum ImportStatus
{
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>An uploaded file to import: .csv (or tab-separated text) or .xlsx.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.import-request")]
public sealed record ImportRequest(
    [property: Id(0)] ImportKind Kind,
    [property: Id(1)] string FileName,
    [property: Id(2)] byte[] Content,
    [property: Id(3)] Actor Actor);

/// <summary>
/// An import and its progress. Every row ends in one of three counters: written (it changed a
/// member or the ledger), unchanged (an earlier import already wrote it) or failed (listed with
/// its reason, and nothing of it was written).
/// </summary>
[GenerateSerializer, Immutable, Alias("pointspot.import-job")]
public sealed record ImportJobView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] ImportKind Kind,
    [property: Id(2)] string FileName,
    [property: Id(3)] string FileFormat,
    [property: Id(4)] IReadOnlyList<string> IgnoredColumns,
    [property: Id(5)] ImportStatus Status,
    [property: Id(6)] int TotalRows,
    [property: Id(7)] int ProcessedRows,
    [property: Id(8)] int WrittenRows,
    [property: Id(9)] int UnchangedRows,
    [property: Id(10)] int FailedRows,
    [property: Id(11)] string? Error,
    [property: Id(12)] DateTimeOffset StartedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt);

/// <summary>A row of an imported file that was not written: its row number as the spreadsheet shows it, and why.</summary>
[GenerateSerializer, Immutable, Alias("pointspot.import-row-error")]
public sealed record ImportRowError(
    [property: Id(0)] int Row,
    [property: Id(1)] string Reason);

[GenerateSerializer, Immutable, Alias("pointspot.import-job-result")]
public sealed record ImportJobResult(
    [property: Id(0)] ImportJobView? Job,
    [property: Id(1)] PointspotError? Error);

/// <summary>Limits of imports, configured under the "Imports" section.</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>The largest file accepted, in bytes: 20 MiB unless configured.</summary>
    public int MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most data rows one file may have.</summary>
    public int MaxRows { get; set; } = 100_000;
}
