namespace Pointspot.Replay.Purchases;

/// <summary>One purchase of a CDNOW file, with the line it came from.</summary>
/// <param name="AmountText">The dollars exactly as written in the file, sent as the amount.</param>
internal sealed record Purchase(
    int LineNumber,
    long CustomerId,
    DateOnly Date,
    int CdCount,
    string AmountText,
    decimal Amount)
{
    public string Phone => MemberPhone.ForCustomer(CustomerId);

    // Both derive from the line number only, so a second run of the same file sends the same
    // receipts and keys and the server returns the stored results instead of awarding again.
    public string ReceiptNumber => $"CDNOW-{LineNumber}";

    public string IdempotencyKey => $"cdnow-{LineNumber}";
}

/// <summary>A line that could not be read as a purchase.</summary>
internal sealed record InvalidLine(int LineNumber, string Content, string Reason);
