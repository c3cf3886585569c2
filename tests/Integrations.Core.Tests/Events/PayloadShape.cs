using System.Text.Json;

namespace Integrations.Core.Tests.Events;

/// <summary>Loads a <c>.shape</c> file (see Shapes/README.md) and compares a JSON document with it.</summary>
internal sealed class PayloadShape
{
    private PayloadShape(Dictionary<string, string> kinds, HashSet<string> extras)
    {
        Kinds = kinds;
        Extras = extras;
    }

    public Dictionary<string, string> Kinds { get; }

    public HashSet<string> Extras { get; }

    public static PayloadShape Load(string name)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        var extras = new HashSet<string>(StringComparer.Ordinal);
        Read(name, string.Empty, kinds, extras);
        return new PayloadShape(kinds, extras);
    }

    /// <summary>Every difference between the document and the shape, empty when they match.</summary>
    public List<string> Compare(JsonElement document)
    {
        var ours = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        Flatten(document, string.Empty, ours);
        var problems = new List<string>();
        foreach (var (path, kind) in Kinds)
        {
            if (!ours.TryGetValue(path, out var found))
            {
                problems.Add($"missing key '{path}' ({kind})");
            }
            else if (kind != "null" && !(found.Count == 1 && found.Contains(kind)))
            {
                problems.Add($"'{path}' is {string.Join("/", found)}, GitLab sends {kind}");
            }
        }

        foreach (var path in ours.Keys.Where(p => !Kinds.ContainsKey(p) && !Extras.Contains(p)))
        {
            if (!Extras.Any(extra => path.StartsWith(extra + ".", StringComparison.Ordinal) || path.StartsWith(extra + "[]", StringComparison.Ordinal)))
            {
                problems.Add($"unexpected key '{path}'");
            }
        }

        return problems;
    }

    private static void Read(string name, string prefix, Dictionary<string, string> kinds, HashSet<string> extras)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Events", "Shapes", name + ".shape");
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts[0].StartsWith('@'))
            {
                Read(parts[0][1..], Join(prefix, parts[1]), kinds, extras);
            }
            else if (parts[0].StartsWith('+'))
            {
                extras.Add(Join(prefix, parts[0][1..]));
            }
            else
            {
                kinds[Join(prefix, parts[0])] = parts[1];
            }
        }
    }

    private static string Join(string prefix, string path) => prefix.Length == 0 ? path : prefix + "." + path;

    private static void Flatten(JsonElement element, string path, Dictionary<string, HashSet<string>> into)
    {
        if (path.Length > 0)
        {
            if (!into.TryGetValue(path, out var kinds))
            {
                into[path] = kinds = new HashSet<string>(StringComparer.Ordinal);
            }

            kinds.Add(element.ValueKind switch
            {
                JsonValueKind.Object => "object",
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                JsonValueKind.True or JsonValueKind.False => "boolean",
                _ => "null",
            });
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, Join(path, property.Name), into);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, path + "[]", into);
            }
        }
    }
}
