using System.Globalization;

namespace Pointspot.Replay.Purchases;

/// <summary>
/// The purchases of a CDNOW file and the lines that could not be read. The number of columns on
/// each line selects the layout. The master file has customer id, date (yyyymmdd), number of CDs
/// and dollars. The sample file has master customer id, sample customer id, date, number of CDs
/// and dollars. Columns are separated by runs of spaces or tabs.
/// </summary>
internal sealed class PurchaseFile
{
    private PurchaseFile(
        IReadOnlyList<Purchase> purchases, IReadOnlyList<InvalidLine> invalidLines, bool hasHeader)
    {
        Purchases = purchases;
        InvalidLines = invalidLines;
        HasHeader = hasHeader;
    }

    public IReadOnlyList<Purchase> Purchases { get; }

    public IReadOnlyList<InvalidLine> InvalidLines { get; }

    /// <summary>Whether line 1 was a header of column names, which is skipped.</summary>
    public bool HasHeader { get; }

    public static PurchaseFile Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader);
    }

    /// <summary>
    /// Reads every line, skipping blank lines and a header on line 1. A line that is not a purchase
    /// goes to <see cref="InvalidLines"/> and reading goes on.
    /// </summary>
    public static PurchaseFile Parse(TextReader reader)
    {
        var purchases = new List<Purchase>();
        var invalidLines = new List<InvalidLine>();
        bool hasHeader = false;
        int lineNumber = 0;

        // ReadLine ends a line at \n, \r\n or \r, so CRLF files need no special handling.
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            string[] columns = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 0)
            {
                continue;
            }

            if (lineNumber == 1 && !char.IsAsciiDigit(columns[0][0]))
            {
                hasHeader = true;
                continue;
            }

            if (TryParseColumns(columns, lineNumber, out var purchase, out string reason))
            {
                purchases.Add(purchase);
            }
            else
            {
                invalidLines.Add(new InvalidLine(lineNumber, line, reason));
            }
        }

        return new PurchaseFile(purchases, invalidLines, hasHeader);
    }

    /// <summary>
    /// Sums floor(amount / spendPerPoint) over the purchases: the points the server should award
    /// for this file under an earn rule with no minimum spend.
    /// </summary>
    public long ExpectedPoints(decimal spendPerPoint)
    {
        long points = 0;
        foreach (var purchase in Purchases)
        {
            points += (long)decimal.Floor(purchase.Amount / spendPerPoint);
        }

        return points;
    }

    /// <summary>Returns the distinct member phones, in the order of their first purchase.</summary>
    public IReadOnlyList<string> DistinctPhones() =>
        Purchases.Select(purchase => purchase.Phone).Distinct(StringComparer.Ordinal).ToList();

    internal static bool TryParseColumns(
        string[] columns, int lineNumber, out Purchase purchase, out string reason)
    {
        purchase = null!;

        // The sample file has the master file's customer id in its first column and its own
        // numbering in the second. The master id is used so both files map to the same members.
        int first;
        if (columns.Length == 4)
        {
            first = 0;
        }
        else if (columns.Length == 5)
        {
            first = 1;
            if (!long.TryParse(columns[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                reason = $"sample customer id \"{columns[1]}\" is not a whole number";
                return false;
            }
        }
        else
        {
            reason = $"expected 4 columns (customer id, date, CDs, dollars) or 5 (master customer id, "
                + $"sample customer id, date, CDs, dollars), found {columns.Length}";
            return false;
        }

        string customerText = columns[0];
        string dateText = columns[first + 1];
        string cdText = columns[first + 2];
        string amountText = columns[first + 3];

        if (!long.TryParse(customerText, NumberStyles.None, CultureInfo.InvariantCulture,
                out long customerId)
            || customerId > MemberPhone.MaxCustomerId)
        {
            reason = $"customer id \"{customerText}\" is not a whole number "
                + $"from 0 to {MemberPhone.MaxCustomerId}";
            return false;
        }

        if (!DateOnly.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            reason = $"date \"{dateText}\" is not a valid date in the form yyyymmdd";
            return false;
        }

        if (!int.TryParse(cdText, NumberStyles.None, CultureInfo.InvariantCulture, out int cdCount))
        {
            reason = $"number of CDs \"{cdText}\" is not a whole number";
            return false;
        }

        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                out decimal amount))
        {
            reason = $"dollars \"{amountText}\" is not an unsigned decimal amount such as 11.77";
            return false;
        }

        purchase = new Purchase(lineNumber, customerId, date, cdCount, amountText, amount);
        reason = "";
        return true;
    }
}
