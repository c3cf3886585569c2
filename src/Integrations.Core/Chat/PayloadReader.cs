using System.Globalization;
using System.Text.Json;

namespace Integrations.Chat;

/// <summary>Reads values out of GitLab-style event JSON without failing on a missing or differently typed key.</summary>
internal readonly struct PayloadReader(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public JsonElement? Node(params string[] path)
    {
        var current = Root;
        foreach (var key in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(key, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public string? Text(params string[] path) => Node(path) is { } node
        ? node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => node.GetRawText(),
            _ => null,
        }
        : null;

    public double? Number(params string[] path) =>
        Node(path) is { ValueKind: JsonValueKind.Number } node ? node.GetDouble()
        : Text(path) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : null;

    public bool Flag(params string[] path) => Node(path) is { ValueKind: JsonValueKind.True };

    public IEnumerable<PayloadReader> Items(params string[] path) =>
        Node(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(e => new PayloadReader(e)) : [];
}
