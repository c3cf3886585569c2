using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// An emoji reaction added or removed (GitLab's <c>Emoji Hook</c>) on an issue, a merge request, a snippet or a comment.
/// The object reacted to goes under its own key, in the same form as in its own payload: <see cref="Issue"/>,
/// <see cref="MergeRequest"/>, or for a comment <see cref="Note"/> with the commented issue, merge request or commit;
/// keys left null are not sent.
/// </summary>
public sealed class EmojiEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Emoji;

    /// <summary>Always <c>emoji</c>.</summary>
    public string ObjectKind => "emoji";

    /// <summary><c>award</c> or <c>revoke</c>, as <see cref="EmojiAttributes.Action"/>.</summary>
    public string EventType => ObjectAttributes.Action;

    /// <summary>Who reacted.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId => Project.Id;

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The reaction.</summary>
    public required EmojiAttributes ObjectAttributes { get; init; }

    /// <summary>The comment reacted to.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoteAttributes? Note { get; init; }

    /// <summary>The issue reacted to (or commented on).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IssueAttributes? Issue { get; init; }

    /// <summary>The merge request reacted to (or commented on).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MergeRequestAttributes? MergeRequest { get; init; }

    /// <summary>The commit commented on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GitLabCommit? Commit { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.EmojiEvent);
}

/// <summary>The reaction in an emoji payload's <c>object_attributes</c>.</summary>
public sealed record EmojiAttributes
{
    /// <summary>Who reacted.</summary>
    public long UserId { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The reaction id.</summary>
    public long Id { get; init; }

    /// <summary>The emoji's name (<c>thumbsup</c>).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>What was reacted to: <c>Issue</c>, <c>MergeRequest</c>, <c>Snippet</c> or <c>Note</c>.</summary>
    public string AwardableType { get; init; } = "Issue";

    /// <summary>Its id.</summary>
    public long AwardableId { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary><c>award</c> or <c>revoke</c>.</summary>
    public string Action { get; init; } = "award";

    /// <summary>The page of the object reacted to.</summary>
    public string AwardedOnUrl { get; init; } = string.Empty;
}
