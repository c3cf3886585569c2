namespace Integrations.Docs.Tests;

/// <summary>The repository's files, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>README.md and every page of docs/, relative to the root.</summary>
    public static IEnumerable<string> Documents() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(PathOf("docs"), "*.md").Order(StringComparer.Ordinal).Select(p => Path.GetRelativePath(Root, p)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Integrations.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Integrations.sln not found above " + AppContext.BaseDirectory);
    }
}
