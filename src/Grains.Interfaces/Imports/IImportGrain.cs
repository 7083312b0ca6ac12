using Pointspot.Grains.Interfaces.Points;

namespace Pointspot.Grains.Interfaces.Imports;

/// <summary>
/// One import of a member or points file, keyed by the import id. <see cref="Start"/> checks the
/// whole file and records the job; the rows are then written in the background, and the job's
/// counters in PostgreSQL show the progress.
/// </summary>
public interface IImportGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Decodes and checks the file and starts writing its rows. A file that cannot be read as a
    /// whole (unknown encoding or format, missing columns, too large) is rejected and nothing is written.
    /// </summary>
    Task<ImportJobResult> Start(Guid merchantId, ImportRequest request);

    /// <summary>Returns the job if it belongs to the merchant, or null.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<ImportJobView?> GetJob(Guid merchantId);

    /// <summary>Returns up to <paramref name="first"/> rows that were not written, by row number.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<IReadOnlyList<ImportRowError>> GetErrors(Guid merchantId, int first);

    /// <summary>Writes the rows of a started job; sent by the grain to itself.</summary>
    [OneWay]
    Task Run();
}
