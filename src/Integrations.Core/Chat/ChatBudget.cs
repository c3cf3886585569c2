using System.Text;
using System.Text.Json.Nodes;

namespace Integrations.Chat;

/// <summary>Keeps a rendered chat message under a product's size limit by cutting, then dropping, detail lines.</summary>
public static class ChatBudget
{
    /// <summary>The marker left where text was cut.</summary>
    public const string TruncationMarker = "… (truncated)";

    /// <summary>
    /// Builds the message from <paramref name="lines"/> and, while its UTF-8 JSON is larger than
    /// <paramref name="maxBytes"/>, cuts the last line (with <see cref="TruncationMarker"/>) or drops it.
    /// </summary>
    /// <param name="maxBytes">The largest body, in bytes of UTF-8 JSON.</param>
    /// <param name="lines">The rendered detail lines.</param>
    /// <param name="build">Builds the whole body from the lines.</param>
    public static JsonObject FitWithin(int maxBytes, IReadOnlyList<string> lines, Func<IReadOnlyList<string>, JsonObject> build)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(build);
        var kept = lines.ToList();
        while (true)
        {
            var body = build(kept);
            var size = Encoding.UTF8.GetByteCount(body.ToJsonString());
            if (size <= maxBytes || kept.Count == 0)
            {
                return body;
            }

            var last = kept[^1];
            var excess = size - maxBytes + 64;
            if (last.Length > excess + 200)
            {
                kept[^1] = last[..(last.Length - excess)] + TruncationMarker;
            }
            else
            {
                kept.RemoveAt(kept.Count - 1);
            }
        }
    }
}
