using GraphQL;
using GraphQL.Types;
using Pointspot.Api.GraphQL.Scalars;
using Pointspot.Grains.Interfaces;
using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Api.GraphQL.Types;

public sealed class ImportKindType : EnumerationGraphType
{
    public ImportKindType()
    {
        Name = "ImportKind";
        Add("MEMBERS", ImportKind.Members, "Members: phone, name, birth_date, gender, labels, points.");
        Add("POINTS", ImportKind.Points, "Points: phone, points, reason; each row is an IMPORT ledger entry.");
    }
}

public sealed class ImportStatusType : EnumerationGraphType
{
    public ImportStatusType()
    {
        Name = "ImportStatus";
        Add("RUNNING", ImportStatus.Running, "Rows are being written.");
        Add("COMPLETED", ImportStatus.Completed, "Every row was written, found unchanged or listed in errors.");
        Add("FAILED", ImportStatus.Failed, "The import stopped early; importing the same file again writes the rest.");
    }
}

public sealed class ImportRowErrorType : ObjectGraphType<ImportRowError>
{
    public ImportRowErrorType()
    {
        Name = "ImportRowError";
        Description = "A row that was not written; nothing of it was written.";
        Field<NonNullGraphType<IntGraphType>>("row").Description("The row number as the spreadsheet shows it; the header is usually row 1.").Resolve(c => c.Source.Row);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("What is wrong with the row and how to fix it.").Resolve(c => c.Source.Reason);
    }
}

public sealed class ImportJobType : ObjectGraphType<ImportJobView>
{
    public const int MaxErrorsPage = 1000;

    public ImportJobType()
    {
        Name = "ImportJob";
        Description = "An uploaded member or points file and its progress.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The import's id, as POST /imports returned it.").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<ImportKindType>>("kind").Description("Members or points.").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("fileName").Description("The uploaded file's name.").Resolve(c => c.Source.FileName);
        Field<NonNullGraphType<StringGraphType>>("fileFormat").Description("How the file was read, e.g. \"CSV, UTF-8 with BOM\".").Resolve(c => c.Source.FileFormat);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("ignoredColumns").Description("Header cells that name no column of this kind of file.").Resolve(c => c.Source.IgnoredColumns);
        Field<NonNullGraphType<ImportStatusType>>("status").Description("RUNNING until every row is handled.").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<IntGraphType>>("totalRows").Description("Data rows in the file, without the header and blank rows.").Resolve(c => c.Source.TotalRows);
        Field<NonNullGraphType<IntGraphType>>("processedRows").Description("Rows handled so far.").Resolve(c => c.Source.ProcessedRows);
        Field<NonNullGraphType<IntGraphType>>("writtenRows").Description("Rows that changed a member or added a ledger entry.").Resolve(c => c.Source.WrittenRows);
        Field<NonNullGraphType<IntGraphType>>("unchangedRows").Description("Good rows that an earlier import had already written.").Resolve(c => c.Source.UnchangedRows);
        Field<NonNullGraphType<IntGraphType>>("failedRows").Description("Rows listed in errors.").Resolve(c => c.Source.FailedRows);
        Field<StringGraphType>("error").Description("Why the import stopped early; null otherwise.").Resolve(c => c.Source.Error);
        Field<NonNullGraphType<DateTimeScalar>>("startedAt").Description("When the file was accepted, in the merchant's time zone.").Resolve(c => c.Source.StartedAt);
        Field<DateTimeScalar>("finishedAt").Description("When the last row was handled; null while running.").Resolve(c => c.Source.FinishedAt);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ImportRowErrorType>>>>("errors")
            .Description("The rows that were not written, by row number.")
            .Argument<IntGraphType>("first", a =>
            {
                a.DefaultValue = 100;
                a.Description = $"How many rows to list, at most {MaxErrorsPage}.";
            })
            .ResolveAsync(async c =>
            {
                int first = c.GetArgument("first", 100);
                if (first < 0 || first > MaxErrorsPage)
                {
                    throw new ExecutionError($"first {first} is out of range: ask for 0 to {MaxErrorsPage} rows.")
                    { Code = ErrorCodes.InvalidInput };
                }

                var caller = await c.Request().RequireManagerAsync("importJob");
                return await c.Request().Grains.GetGrain<IImportGrain>(c.Source.Id).GetErrors(caller.MerchantId, first);
            });
    }
}
