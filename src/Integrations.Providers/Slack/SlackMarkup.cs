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

    /// <summary>Text cut to <paramref name="max"/> characters with a visible marker, so Slack never rejects it for length.</summary>
    public static string Truncate(string text, int max)
    {
        const string Marker = "… (truncated)";
        return text.Length <= max ? text : text[..(max - Marker.Length)] + Marker;
    }
}
