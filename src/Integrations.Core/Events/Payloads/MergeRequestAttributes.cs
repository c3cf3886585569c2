namespace Integrations.Events.Payloads;

/// <summary>The merge request in a merge request payload's <c>object_attributes</c>.</summary>
public sealed record MergeRequestAttributes
{
    /// <summary>The merge request id.</summary>
    public long Id { get; init; }

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The target branch.</summary>
    public string TargetBranch { get; init; } = string.Empty;

    /// <summary>The source branch.</summary>
    public string SourceBranch { get; init; } = string.Empty;

    /// <summary>The source project.</summary>
    public long SourceProjectId { get; init; }

    /// <summary>The author.</summary>
    public long AuthorId { get; init; }

    /// <summary>Assignee ids.</summary>
    public IReadOnlyList<long> AssigneeIds { get; init; } = [];

    /// <summary>Deprecated: the first assignee.</summary>
    public long? AssigneeId => AssigneeIds.Count > 0 ? AssigneeIds[0] : null;

    /// <summary>Reviewer ids.</summary>
    public IReadOnlyList<long> ReviewerIds { get; init; } = [];

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was last edited.</summary>
    public DateTimeOffset? LastEditedAt { get; init; }

    /// <summary>Who last edited it.</summary>
    public long? LastEditedById { get; init; }

    /// <summary>The milestone.</summary>
    public long? MilestoneId { get; init; }

    /// <summary>1 opened, 2 closed, 3 merged, 4 locked.</summary>
    public int StateId => State switch { "closed" => 2, "merged" => 3, "locked" => 4, _ => 1 };

    /// <summary><c>opened</c>, <c>closed</c>, <c>merged</c> or <c>locked</c>.</summary>
    public string State { get; init; } = "opened";

    /// <summary>Whether blocking discussions are resolved.</summary>
    public bool BlockingDiscussionsResolved { get; init; } = true;

    /// <summary>Deprecated alias of <see cref="Draft"/>.</summary>
    public bool WorkInProgress => Draft;

    /// <summary>Whether it is a draft.</summary>
    public bool Draft { get; init; }

    /// <summary>Whether it is the author's first contribution.</summary>
    public bool FirstContribution { get; init; }

    /// <summary>Deprecated merge status.</summary>
    public string MergeStatus { get; init; } = "unchecked";

    /// <summary>The target project.</summary>
    public long TargetProjectId { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>When it was prepared.</summary>
    public DateTimeOffset? PreparedAt { get; init; }

    /// <summary>Time spent in seconds.</summary>
    public long TotalTimeSpent { get; init; }

    /// <summary>Time spent change in seconds.</summary>
    public long TimeChange { get; init; }

    /// <summary>Time spent for people.</summary>
    public string? HumanTotalTimeSpent { get; init; }

    /// <summary>Time change for people.</summary>
    public string? HumanTimeChange { get; init; }

    /// <summary>Estimate for people.</summary>
    public string? HumanTimeEstimate { get; init; }

    /// <summary>The latest pipeline of the source branch, if any.</summary>
    public long? HeadPipelineId { get; init; }

    /// <summary>The merge commit, once merged.</summary>
    public string? MergeCommitSha { get; init; }

    /// <summary>Why the last merge attempt failed, if it did.</summary>
    public string? MergeError { get; init; }

    /// <summary>How it is to be merged (GitLab sends <c>{"force_remove_source_branch":"1"}</c> and the like).</summary>
    public IReadOnlyDictionary<string, string> MergeParams { get; init; } = new Dictionary<string, string>();

    /// <summary>Who merged it, or set it to merge when the pipeline succeeds.</summary>
    public long? MergeUserId { get; init; }

    /// <summary>Whether it merges automatically when its pipeline succeeds.</summary>
    public bool MergeWhenPipelineSucceeds { get; init; }

    /// <summary>The time estimate, in seconds.</summary>
    public long TimeEstimate { get; init; }

    /// <summary>Who last updated it.</summary>
    public long? UpdatedById { get; init; }

    /// <summary>The merge request's page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The source project.</summary>
    public GitLabProject? Source { get; init; }

    /// <summary>The target project.</summary>
    public GitLabProject? Target { get; init; }

    /// <summary>The newest commit.</summary>
    public GitLabCommit? LastCommit { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels { get; init; } = [];

    /// <summary><c>open</c>, <c>close</c>, <c>reopen</c>, <c>update</c>, <c>approved</c>, <c>unapproved</c>, <c>approval</c>, <c>unapproval</c> or <c>merge</c>.</summary>
    public string Action { get; init; } = "open";

    /// <summary>The detailed merge status.</summary>
    public string DetailedMergeStatus { get; init; } = "checking";
}
