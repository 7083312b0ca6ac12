namespace Pointspot.Grains.Imports;

/// <summary>One row of a file: its row number as a spreadsheet shows it (from 1), and its cells as text.</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column >= 0 && column < Cells.Count ? Cells[column] : "";

    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>The rows of a file and how it was read, such as "CSV, UTF-8 with BOM".</summary>
public sealed record ImportTable(string Format, IReadOnlyList<TableRow> Rows);
