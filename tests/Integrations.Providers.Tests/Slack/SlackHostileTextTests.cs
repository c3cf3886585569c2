using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Chat;
using Integrations.Events;
using Integrations.Providers.Slack;

namespace Integrations.Providers.Tests.Slack;

/// <summary>
/// Text a user controls (an issue title, a name) reaches Slack's top-level <c>text</c>, the notification and fallback.
/// Slack's formatting rules reserve <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in it: unescaped, <c>&lt;!channel&gt;</c>
/// pings everyone and <c>&lt;https://…|label&gt;</c> shows a disguised link
/// (https://api.slack.com/reference/surfaces/formatting#escaping).
/// </summary>
public sealed class SlackHostileTextTests
{
    private static JsonObject IssueTitled(string title)
    {
        var payload = JsonNode.Parse(SampleEvents.Issue().ToJsonUtf8())!;
        payload["object_attributes"]!["action"] = "open";
        payload["object_attributes"]!["title"] = title;
        var message = ChatMessages.From(IntegrationEvents.Issue, JsonDocument.Parse(payload.ToJsonString()).RootElement)!;
        return SlackMessageRenderer.Render(message);
    }

    [TestCase("<!channel> & <https://evil.example/x|click here>")]
    [TestCase("<!here> <@U024BE7LH> <#C024BE7LR> <!subteam^SAZ94GDB8>")]
    [TestCase("&lt;!channel&gt; already escaped, & an ampersand")]
    public void A_title_never_becomes_a_mention_or_a_link_in_the_notification_text(string title)
    {
        var text = IssueTitled(title)["text"]!.GetValue<string>();

        text.Should().NotContain("<!").And.NotContain("<@").And.NotContain("<#").And.NotContain("<http");
        text.Should().NotContainAny("<", ">");
        Unescape(text).Should().Contain(title, "the title is shown literally");
    }

    [Test]
    public void An_oversized_title_is_cut_within_the_limit_on_a_text_element_and_never_inside_an_escape()
    {
        var emoji = "👩🏽‍💻"; // one text element of seven UTF-16 units
        foreach (var filler in Enumerable.Range(0, 8))
        {
            var title = new string('x', 39_990 + filler) + string.Concat(Enumerable.Repeat(emoji + "&<", 20));
            var text = IssueTitled(title)["text"]!.GetValue<string>();

            text.Length.Should().BeLessThanOrEqualTo(SlackMessageRenderer.MaxFallbackText);
            text.Should().EndWith("… (truncated)");
            var kept = text[..^"… (truncated)".Length];
            kept.Should().NotContain("\uFFFD");
            char.IsHighSurrogate(kept[^1]).Should().BeFalse("a surrogate pair is never split");
            System.Text.RegularExpressions.Regex.IsMatch(kept, "&(?!amp;|lt;|gt;)").Should().BeFalse("an escape is never cut");
            var elements = StringInfo.GetTextElementEnumerator(Unescape(kept));
            while (elements.MoveNext())
            {
                var element = elements.GetTextElement();
                (element.Length == 1 || element == emoji || element.Length == 2 && char.IsSurrogatePair(element, 0)).Should().BeTrue($"'{element}' is a whole text element");
            }
        }
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
}
