using System.Text.Json.Nodes;

namespace Integrations.Providers.Jira;

/// <summary>
/// The comments the integration writes, as wiki markup (REST v2, Data Center) or Atlassian Document Format (REST v3,
/// Cloud): a paragraph with a link to the user, a link to where the issue was mentioned, and the quoted text.
/// </summary>
public static class JiraComments
{
    /// <summary>One run of a comment: text, linked when <see cref="Url"/> is set.</summary>
    /// <param name="Text">The text.</param>
    /// <param name="Url">An absolute link, or null.</param>
    public sealed record Run(string Text, string? Url = null);

    /// <summary>The comment body for the API version: a string of wiki markup (v2) or an ADF document (v3).</summary>
    /// <param name="version">2 or 3.</param>
    /// <param name="paragraph">The first paragraph's runs.</param>
    /// <param name="quote">Text to quote below it, or null.</param>
    public static JsonNode Body(int version, IReadOnlyList<Run> paragraph, string? quote)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        return version >= 3 ? Adf(paragraph, quote) : JsonValue.Create(WikiMarkup(paragraph, quote));
    }

    /// <summary>Jira wiki markup: <c>[text|url]</c> links and a <c>{quote}</c> block.</summary>
    /// <param name="paragraph">The runs.</param>
    /// <param name="quote">The quote, or null.</param>
    public static string WikiMarkup(IReadOnlyList<Run> paragraph, string? quote)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var text = string.Concat(paragraph.Select(r => r.Url is null ? EscapeWiki(r.Text) : $"[{EscapeWiki(r.Text).Replace("|", "-", StringComparison.Ordinal)}|{r.Url}]"));
        return string.IsNullOrWhiteSpace(quote) ? text : $"{text}\n{{quote}}{EscapeWiki(quote)}{{quote}}";
    }

    /// <summary>An Atlassian Document Format document: a paragraph of text nodes (links as <c>link</c> marks) and a blockquote.</summary>
    /// <param name="paragraph">The runs.</param>
    /// <param name="quote">The quote, or null.</param>
    public static JsonObject Adf(IReadOnlyList<Run> paragraph, string? quote)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var content = new JsonArray(new JsonObject
        {
            ["type"] = "paragraph",
            ["content"] = new JsonArray(paragraph.Where(r => r.Text.Length > 0).Select(r => (JsonNode?)TextNode(r.Text, r.Url)).ToArray()),
        });
        if (!string.IsNullOrWhiteSpace(quote))
        {
            var lines = quote.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var quoted = new JsonArray();
            foreach (var line in lines.Where(l => l.Length > 0))
            {
                quoted.Add(new JsonObject { ["type"] = "paragraph", ["content"] = new JsonArray(TextNode(line, null)) });
            }

            content.Add(new JsonObject { ["type"] = "blockquote", ["content"] = quoted });
        }

        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = content };
    }

    private static JsonObject TextNode(string text, string? url)
    {
        var node = new JsonObject { ["type"] = "text", ["text"] = text };
        if (url is not null)
        {
            node["marks"] = new JsonArray(new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = url } });
        }

        return node;
    }

    private static string EscapeWiki(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal)
        .Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
}
