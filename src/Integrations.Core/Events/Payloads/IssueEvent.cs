using System.Text.Json;

namespace Integrations.Events.Payloads;

/// <summary>An issue opened, closed, reopened or updated. A confidential issue is the <c>confidential_issue</c> event.</summary>
public sealed class IssueEvent : IntegrationEvent
{
    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public override IntegrationEvents Kind => ObjectAttributes.Confidential ? IntegrationEvents.ConfidentialIssue : IntegrationEvents.Issue;

    /// <summary>Always <c>issue</c>.</summary>
    public string ObjectKind => "issue";

    /// <summary><c>issue</c>, or <c>confidential_issue</c> for confidential issues.</summary>
    public string EventType => ObjectAttributes.Confidential ? "confidential_issue" : "issue";

    /// <summary>Who acted.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The issue.</summary>
    public required IssueAttributes ObjectAttributes { get; init; }

    /// <summary>The deprecated repository object.</summary>
    public GitLabRepository Repository => Project.ToRepository();

    /// <summary>The assignees.</summary>
    public IReadOnlyList<GitLabUser> Assignees { get; init; } = [];

    /// <summary>Deprecated: the first assignee.</summary>
    public GitLabUser? Assignee => Assignees.Count > 0 ? Assignees[0] : null;

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels => ObjectAttributes.Labels;

    /// <summary>What changed, by attribute: <c>{ "title": { "previous": …, "current": … } }</c>.</summary>
    public IReadOnlyDictionary<string, ValueChange> Changes { get; init; } = new Dictionary<string, ValueChange>();

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.IssueEvent);
}
