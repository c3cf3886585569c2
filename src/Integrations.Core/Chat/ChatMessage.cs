namespace Integrations.Chat;

/// <summary>
/// A product-neutral chat message built from an event (see <see cref="ChatMessages"/>): a title line, optional detail
/// lines (commit lines, a comment), facts, a tone and a plain-text fallback. Slack, Teams and Google Chat each render
/// it in their own format; the rules of what is said are the same for all.
/// </summary>
public sealed record ChatMessage
{
    /// <summary>The event kind it describes.</summary>
    public required IntegrationEvents Event { get; init; }

    /// <summary>The first line: who did what, where.</summary>
    public required ChatText Title { get; init; }

    /// <summary>Detail lines (commits, the comment's text, a description).</summary>
    public IReadOnlyList<ChatText> Lines { get; init; } = [];

    /// <summary>Named values.</summary>
    public IReadOnlyList<ChatFact> Facts { get; init; } = [];

    /// <summary>The colour.</summary>
    public ChatTone Tone { get; init; }

    /// <summary>
    /// Groups the messages of one merge request, issue or pipeline (<c>merge_request:42:7</c>), for providers that
    /// thread follow-ups; null when the event stands alone.
    /// </summary>
    public string? ThreadKey { get; init; }

    /// <summary>The message as plain text (notifications, clients without rich formatting).</summary>
    public string Fallback => string.Join('\n', new[] { Title.Plain }.Concat(Lines.Select(l => l.Plain))
        .Concat(Facts.Select(f => $"{f.Name}: {f.Value.Plain}")));
}
