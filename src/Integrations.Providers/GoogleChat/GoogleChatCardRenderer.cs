using System.Net;
using System.Text.Json.Nodes;
using Integrations.Chat;

namespace Integrations.Providers.GoogleChat;

/// <summary>
/// Renders a <see cref="ChatMessage"/> as a Google Chat message: a plain <c>text</c> fallback (with
/// <c>&lt;url|text&gt;</c> links) and a <c>cardsV2</c> card whose header is the title and whose widgets are the detail
/// lines (<c>textParagraph</c>, HTML links) and facts (<c>decoratedText</c>). The whole message stays under Google
/// Chat's 32,000-byte limit, and the text under 4,096 characters.
/// </summary>
public static class GoogleChatCardRenderer
{
    /// <summary>The message size kept under (bytes of UTF-8 JSON); Google Chat's limit is 32,000.</summary>
    public const int MaxBodyBytes = 30_000;

    /// <summary>The longest text fallback.</summary>
    public const int MaxText = 4_096;

    /// <summary>The message body (without the thread, which the integration adds).</summary>
    /// <param name="message">The message.</param>
    public static JsonObject Render(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ChatBudget.FitWithin(MaxBodyBytes, message.Lines.Select(Html).ToList(), lines => Build(message, lines));
    }

    private static JsonObject Build(ChatMessage message, IReadOnlyList<string> lines)
    {
        var widgets = new JsonArray(new JsonObject { ["textParagraph"] = new JsonObject { ["text"] = Html(message.Title) } });
        foreach (var line in lines)
        {
            widgets.Add(new JsonObject { ["textParagraph"] = new JsonObject { ["text"] = line } });
        }

        foreach (var fact in message.Facts)
        {
            widgets.Add(new JsonObject { ["decoratedText"] = new JsonObject { ["topLabel"] = fact.Name, ["text"] = Html(fact.Value), ["wrapText"] = true } });
        }

        var text = message.Title.Render((escaped, url) => $"<{url}|{escaped}>", t => t);
        return new JsonObject
        {
            ["text"] = text.Length > MaxText ? text[..(MaxText - 1)] + "…" : text,
            ["cardsV2"] = new JsonArray(new JsonObject
            {
                ["cardId"] = message.Event.ToString().ToLowerInvariant(),
                ["card"] = new JsonObject
                {
                    ["header"] = new JsonObject
                    {
                        ["title"] = message.Title.Plain.Length > 200 ? message.Title.Plain[..199] + "…" : message.Title.Plain,
                        ["subtitle"] = message.Tone switch
                        {
                            ChatTone.Good => "✅",
                            ChatTone.Warning => "⚠️",
                            ChatTone.Danger => "❌",
                            _ => null,
                        },
                    },
                    ["sections"] = new JsonArray(new JsonObject { ["widgets"] = widgets }),
                },
            }),
        };
    }

    /// <summary>The HTML subset card text allows: escaped text and <c>&lt;a href&gt;</c> links.</summary>
    private static string Html(ChatText text) => text.Render(
        (escaped, url) => $"<a href=\"{WebUtility.HtmlEncode(url)}\">{escaped}</a>",
        WebUtility.HtmlEncode);
}
