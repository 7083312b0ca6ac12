namespace Pointspot.Grains.Imports;

/// <summary>A file that cannot be imported as a whole; the message names the problem and the fix.</summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException(string message)
        : base(message)
    {
    }

    public ImportFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
