using System.Text.Json.Nodes;
using Integrations.Chat;

namespace Integrations.Providers.Slack;

/// <summary>
/// Renders a <see cref="ChatMessage"/> as a Slack message: the title as a <c>mrkdwn</c> section, detail lines and facts
/// in a coloured attachment's blocks, and a <c>text</c> fallback for notifications that shows the plain text literally
/// (escaped, cut on a text element; https://api.slack.com/reference/surfaces/formatting#escaping). Every text is kept within
/// Slack's documented limits (section text 3,000 characters, 10 fields of 2,000, 50 blocks, fallback 40,000) and the
/// blocks' total within 12,000 characters, truncating with a visible marker rather than being refused.
/// </summary>
public static class SlackMessageRenderer
{
    /// <summary>Slack's limit for a section's text.</summary>
    public const int MaxSectionText = 3000;

    /// <summary>Slack's limit for one field's text.</summary>
    public const int MaxFieldText = 2000;

    /// <summary>Slack's limit for fields in a section.</summary>
    public const int MaxFields = 10;

    /// <summary>Slack's limit for blocks in a message.</summary>
    public const int MaxBlocks = 50;

    /// <summary>The longest fallback text Slack keeps.</summary>
    public const int MaxFallbackText = 40_000;

    /// <summary>
    /// A budget for all block text together: Slack refuses messages whose blocks are much longer
    /// (<c>msg_blocks_too_long</c>, observed near 13,000 characters), so the renderer stays under it.
    /// </summary>
    public const int MaxTotalBlockText = 12_000;

    /// <summary>The message body (without <c>channel</c> and <c>username</c>, which the integration adds).</summary>
    /// <param name="message">The message.</param>
    public static JsonObject Render(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var budget = MaxTotalBlockText;
        string Take(string text, int max)
        {
            var cut = SlackMarkup.Truncate(text, Math.Max(20, Math.Min(max, budget)));
            budget = Math.Max(0, budget - cut.Length);
            return cut;
        }

        var blocks = new JsonArray(Section(Take(Mrkdwn(message.Title), MaxSectionText)));
        var details = new JsonArray();
        var lines = message.Lines.Select(Mrkdwn).ToList();
        var chunk = new List<string>();
        var length = 0;
        foreach (var line in lines)
        {
            if (chunk.Count > 0 && length + line.Length + 1 > MaxSectionText)
            {
                details.Add(Section(Take(string.Join('\n', chunk), MaxSectionText)));
                chunk.Clear();
                length = 0;
            }

            chunk.Add(line);
            length += line.Length + 1;
        }

        if (chunk.Count > 0)
        {
            details.Add(Section(Take(string.Join('\n', chunk), MaxSectionText)));
        }

        if (message.Facts.Count > 0)
        {
            var fields = new JsonArray(message.Facts.Take(MaxFields)
                .Select(f => (JsonNode?)Text(Take($"*{SlackMarkup.Escape(f.Name)}*\n{Mrkdwn(f.Value)}", MaxFieldText))).ToArray());
            details.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        while (details.Count + blocks.Count > MaxBlocks)
        {
            details.RemoveAt(details.Count - 1);
        }

        var body = new JsonObject
        {
            ["text"] = SlackMarkup.EscapeWithin(message.Fallback, MaxFallbackText), // the notification: user text shown, never markup
            ["blocks"] = blocks,
        };
        if (details.Count > 0 || message.Tone != ChatTone.Neutral)
        {
            body["attachments"] = new JsonArray(new JsonObject
            {
                ["color"] = message.Tone switch
                {
                    ChatTone.Good => "good",
                    ChatTone.Warning => "warning",
                    ChatTone.Danger => "danger",
                    _ => "#345",
                },
                ["blocks"] = details,
            });
        }

        return body;
    }

    private static string Mrkdwn(ChatText text) => text.Render(SlackMarkup.Link, SlackMarkup.Escape);

    private static JsonObject Text(string mrkdwn) => new() { ["type"] = "mrkdwn", ["text"] = mrkdwn };

    private static JsonObject Section(string mrkdwn) => new() { ["type"] = "section", ["text"] = Text(mrkdwn) };
}
