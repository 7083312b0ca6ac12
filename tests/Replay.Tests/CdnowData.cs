namespace Pointspot.Replay.Tests;

/// <summary>
/// Finds the CDNOW files: in the folder named by POINTSPOT_DATA_DIR when it is set, else in
/// /work/shared/data, else in ../shared/data beside the repository root. Each folder is searched
/// for a cdnow subfolder first and then for the files directly.
/// </summary>
internal static class CdnowData
{
    public const string DataDirVariable = "POINTSPOT_DATA_DIR";

    public static string PathOf(string fileName)
    {
        var tried = new List<string>();
        foreach (string folder in CandidateFolders())
        {
            foreach (string path in new[] { Path.Combine(folder, "cdnow", fileName), Path.Combine(folder, fileName) })
            {
                if (File.Exists(path))
                {
                    return path;
                }

                tried.Add(path);
            }
        }

        throw new FileNotFoundException(
            $"CDNOW file {fileName} not found; tried {string.Join(", ", tried)}. "
            + $"Set {DataDirVariable} to the folder that contains cdnow/{fileName}.");
    }

    private static IEnumerable<string> CandidateFolders()
    {
        string? configured = Environment.GetEnvironmentVariable(DataDirVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            // An explicit setting is the only place looked at, so a wrong value fails loudly.
            yield return configured;
            yield break;
        }

        yield return "/work/shared/data";
        if (FindRepositoryRoot() is { } root)
        {
            yield return Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        }
    }

    private static string? FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Pointspot.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
