using System.Text.RegularExpressions;

namespace Integrations.Docs.Tests;

/// <summary>
/// The core's folders are rooms a newcomer can name, and the code between them flows one way. Namespaces follow
/// folders, so a reference from one room to another is a <c>using Integrations.Room;</c> directive or a qualified
/// <c>Integrations.Room.</c> name; these tests read them from the sources. The root folder is the front door (the
/// public contracts every room shares, options and the builder) and is left out of the graph.
/// </summary>
public partial class LayoutTests
{
    private static readonly string CoreDirectory = Repository.PathOf("src/Integrations.Core");

    [Test]
    public void Namespaces_follow_folders_in_the_core()
    {
        var misplaced = new List<string>();
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            var declared = NamespaceDeclaration().Match(File.ReadAllText(file)).Groups[1].Value;
            var expected = folder is null ? "Integrations" : "Integrations." + folder;
            var isExtensionEntryPoint = declared == "Integrations" && Path.GetFileName(file).EndsWith("Extensions.cs", StringComparison.Ordinal);
            if (declared != expected && !isExtensionEntryPoint)
            {
                misplaced.Add($"{Path.GetRelativePath(CoreDirectory, file)} declares {declared}, expected {expected}");
            }
        }

        misplaced.Should().BeEmpty("a type's namespace tells where its file is (extension-method entry points may live in Integrations)");
    }

    [Test]
    public void Rooms_of_the_core_reference_each_other_without_cycles()
    {
        var graph = ReferenceGraph();
        var cycles = new List<string>();
        foreach (var room in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (PathBack(graph, room) is { } path)
            {
                cycles.Add(string.Join(" -> ", path));
            }
        }

        cycles.Should().BeEmpty("each room may use the rooms below it, never one that uses it back");
    }

    [Test]
    public void The_delivery_path_reads_top_to_bottom()
    {
        var graph = ReferenceGraph();

        // The host calls the dispatcher, which fills the outbox and wakes the worker; the worker claims from storage
        // and calls out through Http. Each room may use those after it, never one before it.
        string[] path = ["Dispatch", "Worker", "Storage", "Http"];
        for (var upper = 0; upper < path.Length; upper++)
        {
            foreach (var lower in path.Skip(upper + 1))
            {
                Reaches(graph, lower, path[upper]).Should().BeFalse($"{lower} sits below {path[upper]} on the delivery path and must not reference it");
            }
        }
    }

    private static Dictionary<string, HashSet<string>> ReferenceGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceFiles())
        {
            if (RoomOf(file) is not { } room)
            {
                continue;
            }

            var edges = graph.TryGetValue(room, out var existing) ? existing : graph[room] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match reference in RoomReference().Matches(File.ReadAllText(file)))
            {
                var target = reference.Groups[1].Value;
                if (target != room && Directory.Exists(Path.Combine(CoreDirectory, target)))
                {
                    edges.Add(target);
                }
            }
        }

        return graph;
    }

    /// <summary>A path from <paramref name="start"/> back to itself, or null.</summary>
    private static List<string>? PathBack(Dictionary<string, HashSet<string>> graph, string start)
    {
        var queue = new Queue<List<string>>([[start]]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var path))
        {
            foreach (var next in graph.GetValueOrDefault(path[^1], []))
            {
                if (next == start)
                {
                    return [.. path, next];
                }

                if (seen.Add(next))
                {
                    queue.Enqueue([.. path, next]);
                }
            }
        }

        return null;
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string from, string to)
    {
        var stack = new Stack<string>([from]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.TryPop(out var room))
        {
            if (room == to)
            {
                return true;
            }

            foreach (var next in graph.GetValueOrDefault(room, []).Where(seen.Add))
            {
                stack.Push(next);
            }
        }

        return false;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(CoreDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    /// <summary>The folder that holds <paramref name="file"/>, dotted (<c>Events.Payloads</c>), or null at the root.</summary>
    private static string? FolderOf(string file)
    {
        var relative = Path.GetRelativePath(CoreDirectory, Path.GetDirectoryName(file)!);
        return relative == "." ? null : relative.Replace(Path.DirectorySeparatorChar, '.');
    }

    /// <summary>The room (top folder) that holds <paramref name="file"/>, or null at the root.</summary>
    private static string? RoomOf(string file) => FolderOf(file)?.Split('.')[0];

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bIntegrations\.(\w+)\b")]
    private static partial Regex RoomReference();
}
