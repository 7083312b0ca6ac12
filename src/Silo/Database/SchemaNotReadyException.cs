namespace Pointspot.Silo.Database;

/// <summary>
/// Error raised when the database lacks a migration or an Orleans query, or is unreachable.
/// </summary>
public sealed class SchemaNotReadyException : Exception
{
    public SchemaNotReadyException(IReadOnlyList<string> problems)
        : base(BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>One sentence per problem, as returned by <see cref="SchemaVerifier.FindProblems"/>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(IReadOnlyList<string> problems)
    {
        string count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        string list = string.Join(Environment.NewLine, problems.Select(problem => "  - " + problem));
        return $"The database schema is not ready for the silo ({count}):{Environment.NewLine}{list}";
    }
}
