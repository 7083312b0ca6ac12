using System.Reflection;
using System.Text;

namespace Pointspot.Silo.Database;

/// <summary>
/// SQL migration scripts embedded from the Migrations folder, and where dbup records them.
/// </summary>
public static class MigrationScripts
{
    /// <summary>Schema of dbup's journal table, which lists every script already applied.</summary>
    public const string JournalSchema = "public";

    /// <summary>Name of dbup's journal table (dbup's default name for PostgreSQL).</summary>
    public const string JournalTable = "schemaversions";

    // MSBuild names an embedded resource after the root namespace and the folder path.
    private const string ResourcePrefix = "Pointspot.Silo.Migrations.";

    private static readonly Assembly SiloAssembly = typeof(MigrationScripts).Assembly;

    /// <summary>
    /// Returns the file names of all embedded scripts in ordinal order, which is the order in
    /// which they run, for example "0001_orleans_clustering.sql".
    /// </summary>
    public static IReadOnlyList<string> FileNames()
    {
        return SiloAssembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Where(name => name.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Select(name => name[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads the text of the embedded script with the given file name.</summary>
    public static string ReadText(string fileName)
    {
        string resourceName = ResourcePrefix + fileName;
        using Stream stream = SiloAssembly.GetManifestResourceStream(resourceName)
            ?? throw new ArgumentException(
                $"Migration script \"{fileName}\" is not embedded in {SiloAssembly.GetName().Name}: "
                + "expected a resource named " + resourceName + ".",
                nameof(fileName));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
