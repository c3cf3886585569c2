using System.Text.Json.Nodes;
using Integrations.Chat;

namespace Integrations.Providers.MicrosoftTeams;

/// <summary>
/// Renders a <see cref="ChatMessage"/> as the message a Teams Workflows webhook ("post to a channel when a webhook
/// request is received") accepts: <c>{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{…}}]}</c>
/// with an Adaptive Card 1.4: the title in a styled container, detail lines as text blocks, facts as a fact set.
/// The whole body stays under Teams' message limit (about 28 KB), dropping and then cutting detail lines when needed.
/// </summary>
public static class TeamsCardRenderer
{
    /// <summary>The body size kept under (bytes of UTF-8 JSON); Teams refuses messages above about 28 KB.</summary>
    public const int MaxBodyBytes = 27_000;

    /// <summary>The message body.</summary>
    /// <param name="message">The message.</param>
    public static JsonObject Render(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ChatBudget.FitWithin(MaxBodyBytes, message.Lines.Select(Markdown).ToList(), lines => Build(message, lines));
    }

    private static JsonObject Build(ChatMessage message, IReadOnlyList<string> lines)
    {
        var body = new JsonArray(new JsonObject
        {
            ["type"] = "Container",
            ["style"] = message.Tone switch
            {
                ChatTone.Good => "good",
                ChatTone.Warning => "warning",
                ChatTone.Danger => "attention",
                _ => "emphasis",
            },
            ["items"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = Markdown(message.Title), ["wrap"] = true, ["weight"] = "Bolder" }),
        });
        foreach (var line in lines)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = line, ["wrap"] = true });
        }

        if (message.Facts.Count > 0)
        {
            body.Add(new JsonObject
            {
                ["type"] = "FactSet",
                ["facts"] = new JsonArray(message.Facts.Select(f => (JsonNode?)new JsonObject { ["title"] = f.Name, ["value"] = Markdown(f.Value) }).ToArray()),
            });
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["summary"] = message.Title.Plain.Length > 150 ? message.Title.Plain[..149] + "…" : message.Title.Plain,
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["msteams"] = new JsonObject { ["width"] = "Full" },
                    ["body"] = body,
                },
            }),
        };
    }

    /// <summary>Adaptive Cards' Markdown subset: <c>[text](url)</c> links, with the characters that would break them escaped.</summary>
    private static string Markdown(ChatText text) => text.Render(
        (escaped, url) => $"[{escaped}]({url.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})",
        plain => plain.Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal));
}
