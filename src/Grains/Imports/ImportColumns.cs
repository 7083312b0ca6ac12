using Pointspot.Grains.Interfaces.Imports;

namespace Pointspot.Grains.Imports;

public enum ImportColumn
{
    Phone,
    Name,
    BirthDate,
    Gender,
    Labels,
    Points,
    Reason,
}

/// <summary>
/// Maps header cells to columns. Headers match without regard to case, spaces, dashes,
/// underscores or dots, in English or in Thai, so "Birth Date", "birth_date" and "วันเกิด" are one column.
/// </summary>
public static class ImportColumns
{
    private static readonly Dictionary<string, ImportColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["phone"] = ImportColumn.Phone,
        ["phonenumber"] = ImportColumn.Phone,
        ["mobile"] = ImportColumn.Phone,
        ["tel"] = ImportColumn.Phone,
        ["เบอร์โทร"] = ImportColumn.Phone,
        ["เบอร์โทรศัพท์"] = ImportColumn.Phone,
        ["โทรศัพท์"] = ImportColumn.Phone,
        ["name"] = ImportColumn.Name,
        ["fullname"] = ImportColumn.Name,
        ["ชื่อ"] = ImportColumn.Name,
        ["ชื่อนามสกุล"] = ImportColumn.Name,
        ["birthdate"] = ImportColumn.BirthDate,
        ["birthday"] = ImportColumn.BirthDate,
        ["dateofbirth"] = ImportColumn.BirthDate,
        ["dob"] = ImportColumn.BirthDate,
        ["วันเกิด"] = ImportColumn.BirthDate,
        ["gender"] = ImportColumn.Gender,
        ["sex"] = ImportColumn.Gender,
        ["เพศ"] = ImportColumn.Gender,
        ["labels"] = ImportColumn.Labels,
        ["label"] = ImportColumn.Labels,
        ["tags"] = ImportColumn.Labels,
        ["ป้าย"] = ImportColumn.Labels,
        ["แท็ก"] = ImportColumn.Labels,
        ["points"] = ImportColumn.Points,
        ["point"] = ImportColumn.Points,
        ["คะแนน"] = ImportColumn.Points,
        ["แต้ม"] = ImportColumn.Points,
        ["reason"] = ImportColumn.Reason,
        ["note"] = ImportColumn.Reason,
        ["เหตุผล"] = ImportColumn.Reason,
        ["หมายเหตุ"] = ImportColumn.Reason,
    };

    public static IReadOnlyList<ImportColumn> Required(ImportKind kind) => kind == ImportKind.Members
        ? [ImportColumn.Phone, ImportColumn.Name]
        : [ImportColumn.Phone, ImportColumn.Points, ImportColumn.Reason];

    public static IReadOnlyList<ImportColumn> Allowed(ImportKind kind) => kind == ImportKind.Members
        ? [ImportColumn.Phone, ImportColumn.Name, ImportColumn.BirthDate, ImportColumn.Gender, ImportColumn.Labels, ImportColumn.Points]
        : [ImportColumn.Phone, ImportColumn.Points, ImportColumn.Reason];

    /// <summary>
    /// Returns the column index of each known header of the kind and the header texts ignored.
    /// Throws when a required column is missing or a column appears twice.
    /// </summary>
    public static Dictionary<ImportColumn, int> Map(ImportKind kind, TableRow header, out List<string> ignored)
    {
        var map = new Dictionary<ImportColumn, int>();
        ignored = [];
        var allowed = Allowed(kind);
        for (int i = 0; i < header.Cells.Count; i++)
        {
            string text = header.Cells[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (!Aliases.TryGetValue(Normalize(text), out var column) || !allowed.Contains(column))
            {
                ignored.Add(text);
                continue;
            }

            if (!map.TryAdd(column, i))
            {
                throw new ImportFileException(
                    $"The header row (row {header.Number}) names the {Describe(column)} column twice: keep one of them.");
            }
        }

        var missing = Required(kind).Where(column => !map.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            string found = string.Join(", ", header.Cells.Where(c => c.Trim().Length > 0).Select(c => $"\"{c.Trim()}\""));
            throw new ImportFileException(
                $"The header row (row {header.Number}) has no {string.Join(" or ", missing.Select(Describe))} column "
                + $"(it has {(found.Length == 0 ? "no headers" : found)}): a {kind.ToString().ToLowerInvariant()} file needs "
                + $"the columns {string.Join(", ", Required(kind).Select(Describe))} named in its first row.");
        }

        return map;
    }

    public static string Describe(ImportColumn column) => column switch
    {
        ImportColumn.Phone => "phone",
        ImportColumn.Name => "name",
        ImportColumn.BirthDate => "birth_date",
        ImportColumn.Gender => "gender",
        ImportColumn.Labels => "labels",
        ImportColumn.Points => "points",
        _ => "reason",
    };

    private static string Normalize(string header) => string.Concat(header.ToLowerInvariant()
        .Where(c => c is not (' ' or '-' or '_' or '.' or '\u00A0')));
}
