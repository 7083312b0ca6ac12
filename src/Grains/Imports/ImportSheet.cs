using System.Security.Cryptography;
using System.Text;
using Pointspot.Grains.Interfaces.Imports;
using Pointspot.Grains.Interfaces.Points;
using Pointspot.Grains.Ledger;
using Pointspot.Grains.Members;

namespace Pointspot.Grains.Imports;

/// <summary>The checked data rows of a file and the header cells that were ignored.</summary>
public sealed record ImportSheet(IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> IgnoredColumns)
{
    /// <summary>The ledger reason of opening points given in a member file.</summary>
    public const string MemberPointsReason = "Opening points from a member import";

    /// <summary>
    /// Checks every data row of <paramref name="table"/>; the first non-blank row is the header.
    /// Blank rows are skipped. Throws <see cref="ImportFileException"/> for a file without a
    /// usable header or without data rows.
    /// </summary>
    public static ImportSheet Parse(ImportKind kind, ImportTable table, DateOnly today)
    {
        var nonBlank = table.Rows.Where(row => !row.IsBlank).ToList();
        if (nonBlank.Count == 0)
        {
            throw new ImportFileException(
                $"The file has no rows: its first row must name the columns ({Required(kind)}), and each row after it is one "
                + (kind == ImportKind.Members ? "member." : "credit of points."));
        }

        var columns = ImportColumns.Map(kind, nonBlank[0], out var ignored);
        if (nonBlank.Count == 1)
        {
            throw new ImportFileException(
                $"The file has a header row (row {nonBlank[0].Number}) but no data rows: add a row per "
                + (kind == ImportKind.Members ? "member." : "credit of points."));
        }

        var rows = new List<ImportRow>(nonBlank.Count - 1);
        var firstRowOfPhone = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in nonBlank.Skip(1))
        {
            var parsed = kind == ImportKind.Members
                ? ParseMember(row, columns, today, firstRowOfPhone)
                : ParsePoints(row, columns);
            rows.Add(parsed.Error is null && parsed.Points > 0 ? WithKey(kind, parsed, occurrences) : parsed);
        }

        return new ImportSheet(rows, ignored);
    }

    private static ImportRow ParseMember(
        TableRow row, Dictionary<ImportColumn, int> columns, DateOnly today, Dictionary<string, int> firstRowOfPhone)
    {
        string Cell(ImportColumn column) => columns.TryGetValue(column, out int index) ? row.Cell(index) : "";

        string? error = ImportValues.ParsePhone(Cell(ImportColumn.Phone), out var phone);
        DateOnly? birthDate = null;
        var gender = Gender.Unspecified;
        List<string> labels = [];
        long points = 0;
        error ??= ImportValues.ParseBirthDate(Cell(ImportColumn.BirthDate), out birthDate);
        error ??= ImportValues.ParseGender(Cell(ImportColumn.Gender), out gender);
        error ??= ImportValues.ParseLabels(Cell(ImportColumn.Labels), out labels);
        error ??= ImportValues.ParsePoints(Cell(ImportColumn.Points), required: false, out points);
        if (error is not null)
        {
            return ImportRow.Invalid(row.Number, error);
        }

        var profile = new MemberProfile(Cell(ImportColumn.Name).Trim(), birthDate, gender, false);
        var invalidProfile = MemberRules.CheckProfile(profile, today);
        if (invalidProfile is not null)
        {
            return ImportRow.Invalid(row.Number, invalidProfile.Message);
        }

        if (!firstRowOfPhone.TryAdd(phone.E164, row.Number))
        {
            return ImportRow.Invalid(row.Number,
                $"phone {phone.National} also appears in row {firstRowOfPhone[phone.E164]}: keep one row per member.");
        }

        return new ImportRow(row.Number, phone, profile, labels, points, points > 0 ? MemberPointsReason : null, null, null);
    }

    private static ImportRow ParsePoints(TableRow row, Dictionary<ImportColumn, int> columns)
    {
        string Cell(ImportColumn column) => row.Cell(columns[column]);

        long points = 0;
        string? error = ImportValues.ParsePhone(Cell(ImportColumn.Phone), out var phone);
        error ??= ImportValues.ParsePoints(Cell(ImportColumn.Points), required: true, out points);
        if (error is not null)
        {
            return ImportRow.Invalid(row.Number, error);
        }

        string reason = Cell(ImportColumn.Reason).Trim();
        if (reason.Length == 0)
        {
            return ImportRow.Invalid(row.Number, "reason is empty: write why the points are given.");
        }

        var invalidReason = PointsRules.CheckText("reason", reason, PointsRules.MaxReasonLength);
        if (invalidReason is not null)
        {
            return ImportRow.Invalid(row.Number, invalidReason.Message);
        }

        return new ImportRow(row.Number, phone, null, [], points, reason, null, null);
    }

    /// <summary>
    /// Gives a row its ledger idempotency key, a SHA-256 of what the row credits: the kind of
    /// file, the phone, the points, the reason, and how many identical rows came before it in
    /// the file. The same file imported again, or a corrected copy of it, credits each row once.
    /// </summary>
    private static ImportRow WithKey(ImportKind kind, ImportRow row, Dictionary<string, int> occurrences)
    {
        string content = $"{kind}\n{row.Phone.E164}\n{row.Points}\n{row.Reason}";
        occurrences.TryGetValue(content, out int before);
        occurrences[content] = before + 1;
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{content}\n{before}"));
        return row with { IdempotencyKey = "import:" + Convert.ToHexStringLower(hash) };
    }

    private static string Required(ImportKind kind) =>
        string.Join(", ", ImportColumns.Required(kind).Select(ImportColumns.Describe));
}
