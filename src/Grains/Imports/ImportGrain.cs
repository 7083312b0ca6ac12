using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Interfaces.Members;
using Pointspot.Grains.Interfaces.Merchants;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Merchants;

namespace Pointspot.Grains.Imports;

/// <summary>
/// One import. <see cref="Start"/> reads and checks the whole file, then the grain sends itself
/// <see cref="Run"/>, which writes the rows through the member grains in batches and adds each
/// batch to the job's counters. Rows are written once across imports because every ledger entry
/// has an idempotency key derived from the row's content and a profile is written only when it
/// differs from the stored one.
/// </summary>
public sealed partial class ImportGrain(
    ImportStore store,
    IOptions<ImportOptions> options,
    TimeProvider timeProvider,
    ILogger<ImportGrain> logger) : Grain, IImportGrain
{
    /// <summary>Rows written at once; rows of one member still queue at that member's grain.</summary>
    private const int BatchSize = 32;

    private const int MaxErrorsListed = 1000;

    private Guid _merchantId;
    private Actor? _actor;
    private ImportSheet? _sheet;
    private bool _started;

    public async Task<ImportJobResult> Start(Guid merchantId, ImportRequest request)
    {
        if (_started)
        {
            return Failed(ErrorCodes.InvalidInput, $"Import {this.GetPrimaryKey()} has already started: upload the file again for a new import.");
        }

        var settings = await GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings();
        if (settings is null)
        {
            return Failed(ErrorCodes.NotFound, "The merchant of this request does not exist.");
        }

        ImportTable table;
        ImportSheet sheet;
        try
        {
            table = ImportFiles.Read(request.FileName, request.Content, options.Value);
            var today = DateOnly.FromDateTime(TimeZones.ToLocal(timeProvider.GetUtcNow(), settings.TimeZone).DateTime);
            sheet = ImportSheet.Parse(request.Kind, table, today);
        }
        catch (ImportFileException exception)
        {
            LogFileRejected(merchantId, this.GetPrimaryKey(), exception.Message);
            return Failed(ErrorCodes.InvalidFile, $"\"{request.FileName}\" cannot be imported: {exception.Message}");
        }

        var job = await store.InsertAsync(this.GetPrimaryKey(), merchantId, request.Kind, request.FileName.Trim(),
            SHA256.HashData(request.Content), table.Format, sheet.IgnoredColumns, sheet.Rows.Count, request.Actor.ToString());
        (_merchantId, _actor, _sheet, _started) = (merchantId, request.Actor, sheet, true);
        LogImportStarted(merchantId, job.Id, request.Kind, sheet.Rows.Count, request.Actor.ToString());

        // A one-way call to itself runs after this call returns, so the caller is not held for
        // the whole file.
        await this.AsReference<IImportGrain>().Run();
        return new ImportJobResult(ToLocal(job, settings), null);
    }

    // NOTE: the rows waiting to be written live only in this activation. If its silo stops
    // during Run, the job stays RUNNING; importing the same file again writes the rest.
    public async Task Run()
    {
        if (_sheet is not { } sheet || _actor is null)
        {
            return;
        }

        _sheet = null;
        Guid importId = this.GetPrimaryKey();
        try
        {
            foreach (var batch in sheet.Rows.Chunk(BatchSize))
            {
                var outcomes = await Task.WhenAll(batch.Select(WriteRowAsync));
                var errors = batch.Zip(outcomes)
                    .Where(pair => pair.Second.Error is not null)
                    .Select(pair => new ImportRowError(pair.First.Number, pair.Second.Error!))
                    .ToList();
                await store.RecordBatchAsync(importId, batch.Length,
                    outcomes.Count(o => o.Written), outcomes.Count(o => o.Error is null && !o.Written), errors);
            }

            await store.FinishAsync(importId, ImportStatus.Completed, null);
            LogImportFinished(_merchantId, importId);
        }
        catch (Exception exception)
        {
            LogImportFailed(exception, _merchantId, importId);
            await store.FinishAsync(importId, ImportStatus.Failed,
                "The import stopped on an internal error; the rows counted as processed are written. "
                + "Import the same file again to write the rest: rows already written are not written twice.");
        }
    }

    public async Task<ImportJobView?> GetJob(Guid merchantId)
    {
        var settings = await GrainFactory.GetGrain<IMerchantGrain>(merchantId).GetSettings();
        var job = await store.GetAsync(merchantId, this.GetPrimaryKey());
        return job is null || settings is null ? null : ToLocal(job, settings);
    }

    public async Task<IReadOnlyList<ImportRowError>> GetErrors(Guid merchantId, int first) =>
        await store.GetErrorsAsync(merchantId, this.GetPrimaryKey(), Math.Clamp(first, 0, MaxErrorsListed));

    /// <summary>
    /// Writes one checked row: its profile for a member row, then its points. The two writes are
    /// separate commits, so a failure between them leaves the profile written. The row is then
    /// listed as failed, and importing the file again adds the points once.
    /// </summary>
    private async Task<RowOutcome> WriteRowAsync(ImportRow row)
    {
        if (row.Error is not null)
        {
            return new RowOutcome(false, row.Error);
        }

        var key = MemberKey.For(_merchantId, row.Phone);
        bool written = false;
        if (row.Profile is { } profile)
        {
            var imported = await GrainFactory.GetGrain<IMemberImports>(key).ImportProfile(profile, row.Labels);
            if (imported.Error is not null)
            {
                return new RowOutcome(false, imported.Error.Message);
            }

            written = imported.Changed;
        }

        if (row.Points > 0)
        {
            var command = new AdjustPointsCommand(row.Points, row.Reason!, row.IdempotencyKey!, _actor!);
            var credited = await GrainFactory.GetGrain<IMemberImports>(key).ImportPoints(command);
            if (credited.Error is not null)
            {
                return new RowOutcome(false, credited.Error.Message);
            }

            written |= !credited.Replayed;
        }

        return new RowOutcome(written, null);
    }

    private static ImportJobView ToLocal(ImportJobView job, MerchantSettings settings) => job with
    {
        StartedAt = TimeZones.ToLocal(job.StartedAt, settings.TimeZone),
        FinishedAt = job.FinishedAt is { } finishedAt ? TimeZones.ToLocal(finishedAt, settings.TimeZone) : null,
    };

    private static ImportJobResult Failed(string code, string message) => new(null, new PointspotError(code, message));

    private readonly record struct RowOutcome(bool Written, string? Error);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} import {ImportId} of {Kind} started by {Actor}: {Rows} rows")]
    private partial void LogImportStarted(Guid merchantId, Guid importId, ImportKind kind, int rows, string actor);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Merchant {MerchantId} import {ImportId} finished")]
    private partial void LogImportFinished(Guid merchantId, Guid importId);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Error, Message = "Merchant {MerchantId} import {ImportId} failed")]
    private partial void LogImportFailed(Exception exception, Guid merchantId, Guid importId);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information,
        Message = "Merchant {MerchantId} import {ImportId} rejected: {Reason}")]
    private partial void LogFileRejected(Guid merchantId, Guid importId, string reason);
}
