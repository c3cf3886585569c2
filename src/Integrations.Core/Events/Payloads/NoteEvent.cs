using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// A comment on a commit, merge request, issue or snippet: set the one target it was made on. A comment on a
/// confidential issue (<see cref="OnConfidentialIssue"/>) is the <c>confidential_note</c> event.
/// </summary>
public sealed class NoteEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => OnConfidentialIssue ? IntegrationEvents.ConfidentialNote : IntegrationEvents.Note;

    /// <summary>Whether the comment is on a confidential issue.</summary>
    [JsonIgnore]
    public bool OnConfidentialIssue { get; init; }

    /// <summary>Always <c>note</c>.</summary>
    public string ObjectKind => "note";

    /// <summary><c>note</c>, or <c>confidential_note</c>.</summary>
    public string EventType
    {
        get => OnConfidentialIssue ? "confidential_note" : "note";
        init => OnConfidentialIssue = value == "confidential_note"; // so a payload read back keeps its kind
    }

    /// <summary>Who commented.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId => Project.Id;

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The deprecated repository object.</summary>
    public GitLabRepository Repository => Project.ToRepository();

    /// <summary>The comment.</summary>
    public required NoteAttributes ObjectAttributes { get; init; }

    /// <summary>The commit commented on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GitLabCommit? Commit { get; init; }

    /// <summary>The merge request commented on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoteMergeRequest? MergeRequest { get; init; }

    /// <summary>The issue commented on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoteIssue? Issue { get; init; }

    /// <summary>The snippet commented on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoteSnippet? Snippet { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.NoteEvent);
}

/// <summary>The comment in a note payload's <c>object_attributes</c>.</summary>
public sealed record NoteAttributes
{
    /// <summary>The comment id.</summary>
    public long Id { get; init; }

    /// <summary>The text.</summary>
    public string Note { get; init; } = string.Empty;

    /// <summary><c>Commit</c>, <c>MergeRequest</c>, <c>Issue</c> or <c>Snippet</c>.</summary>
    public string NoteableType { get; init; } = "Issue";

    /// <summary>The author.</summary>
    public long AuthorId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId { get; init; }

    /// <summary>An attachment.</summary>
    public string? Attachment { get; init; }

    /// <summary>The diff line, for comments on a diff.</summary>
    public string? LineCode { get; init; }

    /// <summary>The commit SHA, for comments on a commit (empty otherwise).</summary>
    public string CommitId { get; init; } = string.Empty;

    /// <summary>The id of what was commented on (null for commits).</summary>
    public long? NoteableId { get; init; }

    /// <summary>Whether it is a system note.</summary>
    public bool System { get; init; }

    /// <summary>The diff, for comments on a commit's diff.</summary>
    public JsonNode? StDiff { get; init; }

    /// <summary><c>create</c> or <c>update</c>.</summary>
    public string Action { get; init; } = "create";

    /// <summary>The comment's page.</summary>
    public string Url { get; init; } = string.Empty;
}

/// <summary>The issue a comment was made on.</summary>
public sealed record NoteIssue
{
    /// <summary>The issue id.</summary>
    public long Id { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Assignee ids.</summary>
    public IReadOnlyList<long> AssigneeIds { get; init; } = [];

    /// <summary>Deprecated: the first assignee.</summary>
    public long? AssigneeId => AssigneeIds.Count > 0 ? AssigneeIds[0] : null;

    /// <summary>The author.</summary>
    public long AuthorId { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The ordering position.</summary>
    public long Position { get; init; }

    /// <summary>The branch name, if any.</summary>
    public string? BranchName { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The milestone.</summary>
    public long? MilestoneId { get; init; }

    /// <summary><c>opened</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "opened";

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels { get; init; } = [];
}

/// <summary>The merge request a comment was made on.</summary>
public sealed record NoteMergeRequest
{
    /// <summary>The merge request id.</summary>
    public long Id { get; init; }

    /// <summary>The target branch.</summary>
    public string TargetBranch { get; init; } = string.Empty;

    /// <summary>The source branch.</summary>
    public string SourceBranch { get; init; } = string.Empty;

    /// <summary>The source project.</summary>
    public long SourceProjectId { get; init; }

    /// <summary>The author.</summary>
    public long AuthorId { get; init; }

    /// <summary>The first assignee.</summary>
    public long? AssigneeId { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The milestone.</summary>
    public long? MilestoneId { get; init; }

    /// <summary>The state.</summary>
    public string State { get; init; } = "opened";

    /// <summary>Deprecated merge status.</summary>
    public string MergeStatus { get; init; } = "unchecked";

    /// <summary>The target project.</summary>
    public long TargetProjectId { get; init; }

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The ordering position.</summary>
    public long Position { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels { get; init; } = [];

    /// <summary>The source project.</summary>
    public GitLabProject? Source { get; init; }

    /// <summary>The target project.</summary>
    public GitLabProject? Target { get; init; }

    /// <summary>The newest commit.</summary>
    public GitLabCommit? LastCommit { get; init; }

    /// <summary>Deprecated alias of <see cref="Draft"/>.</summary>
    public bool WorkInProgress => Draft;

    /// <summary>Whether it is a draft.</summary>
    public bool Draft { get; init; }

    /// <summary>The first assignee.</summary>
    public GitLabUser? Assignee { get; init; }

    /// <summary>The detailed merge status.</summary>
    public string DetailedMergeStatus { get; init; } = "checking";
}

/// <summary>The snippet a comment was made on.</summary>
public sealed record NoteSnippet
{
    /// <summary>The snippet id.</summary>
    public long Id { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The content.</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>The author.</summary>
    public long AuthorId { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The file name.</summary>
    public string FileName { get; init; } = string.Empty;

    /// <summary><c>ProjectSnippet</c> or <c>PersonalSnippet</c>.</summary>
    public string Type { get; init; } = "ProjectSnippet";

    /// <summary>The visibility.</summary>
    public int VisibilityLevel { get; init; }

    /// <summary>The snippet's page.</summary>
    public string Url { get; init; } = string.Empty;
}
