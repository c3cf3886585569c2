using System.Globalization;
using System.Text;

namespace Integrations.Providers.Slack;

/// <summary>Slack's <c>mrkdwn</c>: escaping and links.</summary>
internal static class SlackMarkup
{
    /// <summary>Escapes the three characters Slack's text format reserves.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A link: <c>&lt;url|text&gt;</c>, with the characters that would end it encoded in the URL.</summary>
    public static string Link(string escapedText, string url) =>
        $"<{url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{escapedText}>";

    /// <summary>
    /// Plain text (a title, a user's name: anything a user wrote) as Slack text that shows it literally: escaped, so
    /// <c>&lt;!channel&gt;</c> or <c>&lt;https://…|label&gt;</c> never become a mention or a link, and, when longer than
    /// <paramref name="max"/>, cut on a text-element boundary (never inside an escape, a surrogate pair or an emoji
    /// sequence) with a visible marker.
    /// </summary>
    public static string EscapeWithin(string plain, int max)
    {
        const string Marker = "… (truncated)";
        var escaped = Escape(plain);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var cut = new StringBuilder(max);
        var elements = StringInfo.GetTextElementEnumerator(plain);
        while (elements.MoveNext())
        {
            var piece = Escape(elements.GetTextElement());
            if (cut.Length + piece.Length > max - Marker.Length)
            {
                break;
            }

            cut.Append(piece);
        }

        return cut.Append(Marker).ToString();
    }

    /// <summary>Text cut to <paramref name="max"/> characters with a visible marker, so Slack never rejects it for length.</summary>
    public static string Truncate(string text, int max)
    {
        const string Marker = "… (truncated)";
        return text.Length <= max ? text : text[..(max - Marker.Length)] + Marker;
    }
}
