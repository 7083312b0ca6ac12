namespace Pointspot.Grains.Imports;

/// <summary>A file that cannot be imported as a whole; the message names the problem and the fix.</summary>
public sealed class ImportFileException(string message) : Exception(message);
