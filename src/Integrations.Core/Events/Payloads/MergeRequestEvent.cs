using System.Text.Json;

namespace Integrations.Events.Payloads;

/// <summary>A merge request created, updated, approved, merged or closed, or a commit added to it.</summary>
public sealed class MergeRequestEvent : IntegrationEvent
{
    /// <inheritdoc />
    [System.Text.Json.Serialization.JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.MergeRequest;

    /// <summary>Always <c>merge_request</c>.</summary>
    public string ObjectKind => "merge_request";

    /// <summary>Always <c>merge_request</c>.</summary>
    public string EventType => "merge_request";

    /// <summary>Who acted.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The deprecated repository object.</summary>
    public GitLabRepository Repository => Project.ToRepository();

    /// <summary>The merge request.</summary>
    public required MergeRequestAttributes ObjectAttributes { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels => ObjectAttributes.Labels;

    /// <summary>What changed, by attribute.</summary>
    public IReadOnlyDictionary<string, ValueChange> Changes { get; init; } = new Dictionary<string, ValueChange>();

    /// <summary>The assignees.</summary>
    public IReadOnlyList<GitLabUser> Assignees { get; init; } = [];

    /// <summary>The reviewers.</summary>
    public IReadOnlyList<GitLabUser> Reviewers { get; init; } = [];

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.MergeRequestEvent);
}
