using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pointspot.Api.GraphQL;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Access;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Api.Http;

/// <summary>
/// The upload of a member or points file as multipart/form-data (POST /imports). The rows are
/// written in the background; the importJob query shows the progress and the failed rows.
/// </summary>
public static class ImportEndpoints
{
    private const int FormOverheadBytes = 64 * 1024;

    public static async Task<IResult> StartAsync(HttpContext http)
    {
        var grains = http.RequestServices.GetRequiredService<IGrainFactory>();
        var options = http.RequestServices.GetRequiredService<IOptions<ImportOptions>>();
        var caller = await UploadResponses.ResolveCallerAsync(http, grains);
        if (caller is null)
        {
            return UploadResponses.Unauthenticated();
        }

        if (UploadResponses.Forbidden(caller, Permission.Manage, "Importing members or points") is { } forbidden)
        {
            return forbidden;
        }

        var form = await UploadForms.ReadAsync(http, options.Value.MaxFileBytes + FormOverheadBytes,
            "field kind (MEMBERS or POINTS) and the file file");
        if (form.Error is not null)
        {
            return form.Error;
        }

        var fields = form.Form!;
        string kindText = fields["kind"].ToString().Trim();
        if (!Enum.TryParse(kindText, ignoreCase: true, out ImportKind kind) || !Enum.IsDefined(kind) || int.TryParse(kindText, out _))
        {
            return UploadResponses.Error(ErrorCodes.InvalidInput,
                $"kind \"{kindText}\" is not a kind of import: send MEMBERS or POINTS.", StatusCodes.Status400BadRequest);
        }

        var file = fields.Files.GetFile("file");
        if (file is null)
        {
            return UploadResponses.Error(ErrorCodes.InvalidFile,
                "The form has no file named file: attach the .csv or .xlsx file as the file field file.",
                StatusCodes.Status400BadRequest);
        }

        if (file.Length > options.Value.MaxFileBytes)
        {
            return UploadResponses.Error(ErrorCodes.InvalidFile,
                $"The file is {file.Length} bytes: the maximum is {options.Value.MaxFileBytes}. Split it into smaller files.",
                StatusCodes.Status413PayloadTooLarge);
        }

        byte[] content = await UploadForms.ReadFileAsync(file, http.RequestAborted);
        string fileName = string.IsNullOrWhiteSpace(file.FileName) ? "upload" : Path.GetFileName(file.FileName);
        var request = new ImportRequest(kind, fileName, content, GraphQLUserContext.ActorOf(caller));
        var result = await grains.GetGrain<IImportGrain>(Guid.NewGuid()).Start(caller.MerchantId, request);
        if (result.Error is not null)
        {
            return UploadResponses.Error(result.Error);
        }

        var details = new JsonObject { ["kind"] = request.Kind.ToString().ToUpperInvariant(), ["fileName"] = fileName };
        var entry = AuditTrail.Entry(caller, "importFile", details, http.Connection.RemoteIpAddress?.ToString())
            with { Target = result.Job!.Id.ToString() };
        await grains.GetGrain<IAuditLogGrain>(0).Append(entry);
        return UploadResponses.Ok(new { importJob = ImportJobJson.From(result.Job!) }, StatusCodes.Status202Accepted);
    }
}

/// <summary>An import job as the upload endpoint returns it, with the field names of the GraphQL ImportJob type.</summary>
public static class ImportJobJson
{
    public static object From(ImportJobView job) => new
    {
        id = job.Id.ToString(),
        kind = job.Kind.ToString().ToUpperInvariant(),
        fileName = job.FileName,
        fileFormat = job.FileFormat,
        ignoredColumns = job.IgnoredColumns,
        status = job.Status.ToString().ToUpperInvariant(),
        totalRows = job.TotalRows,
        startedAt = new DateTimeScalar().Serialize(job.StartedAt),
    };
}
