using System.Text;

namespace Integrations.Chat;

/// <summary>A line of chat text: plain runs and links, product-neutral.</summary>
public sealed record ChatText
{
    /// <summary>Creates a line from its runs.</summary>
    /// <param name="spans">The runs, in order.</param>
    public ChatText(IReadOnlyList<ChatSpan> spans) => Spans = spans ?? throw new ArgumentNullException(nameof(spans));

    /// <summary>The runs, in order.</summary>
    public IReadOnlyList<ChatSpan> Spans { get; }

    /// <summary>Plain text, links dropped (for fallbacks and notifications).</summary>
    public string Plain => string.Concat(Spans.Select(s => s.Text));

    /// <summary>A line of plain text.</summary>
    /// <param name="text">The text.</param>
    public static ChatText Of(string text) => new([new ChatSpan(text)]);

    /// <summary>Renders the line with a provider's link syntax and escaping.</summary>
    /// <param name="link">Renders a link from escaped text and the URL.</param>
    /// <param name="escape">Escapes plain text.</param>
    public string Render(Func<string, string, string> link, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(escape);
        var sb = new StringBuilder();
        foreach (var span in Spans)
        {
            sb.Append(span.Url is null ? escape(span.Text) : link(escape(span.Text), span.Url));
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Plain;
}
