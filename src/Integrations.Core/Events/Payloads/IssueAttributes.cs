namespace Integrations.Events.Payloads;

/// <summary>The issue in an issue payload's <c>object_attributes</c>.</summary>
public sealed record IssueAttributes
{
    /// <summary>The issue id.</summary>
    public long Id { get; init; }

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>Assignee ids.</summary>
    public IReadOnlyList<long> AssigneeIds { get; init; } = [];

    /// <summary>Deprecated: the first assignee.</summary>
    public long? AssigneeId => AssigneeIds.Count > 0 ? AssigneeIds[0] : null;

    /// <summary>The author's id.</summary>
    public long AuthorId { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who last updated it.</summary>
    public long? UpdatedById { get; init; }

    /// <summary>When it was closed, if it is.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When it was last edited.</summary>
    public DateTimeOffset? LastEditedAt { get; init; }

    /// <summary>Who last edited it.</summary>
    public long? LastEditedById { get; init; }

    /// <summary>The manual ordering position.</summary>
    public long? RelativePosition { get; init; }

    /// <summary>The milestone.</summary>
    public long? MilestoneId { get; init; }

    /// <summary>1 opened, 2 closed.</summary>
    public int StateId => State == "closed" ? 2 : 1;

    /// <summary>Whether it is confidential (then the event is <c>confidential_issue</c>).</summary>
    public bool Confidential { get; init; }

    /// <summary>Whether discussion is locked.</summary>
    public bool? DiscussionLocked { get; init; }

    /// <summary>The due date (<c>yyyy-MM-dd</c>).</summary>
    public string? DueDate { get; init; }

    /// <summary>The issue it was moved to.</summary>
    public long? MovedToId { get; init; }

    /// <summary>The issue it duplicates.</summary>
    public long? DuplicatedToId { get; init; }

    /// <summary>The time estimate in seconds.</summary>
    public long TimeEstimate { get; init; }

    /// <summary>Time spent in seconds.</summary>
    public long TotalTimeSpent { get; init; }

    /// <summary>Time spent change in seconds.</summary>
    public long TimeChange { get; init; }

    /// <summary>Time spent for people.</summary>
    public string? HumanTotalTimeSpent { get; init; }

    /// <summary>Estimate for people.</summary>
    public string? HumanTimeEstimate { get; init; }

    /// <summary>Time change for people.</summary>
    public string? HumanTimeChange { get; init; }

    /// <summary>The weight.</summary>
    public int? Weight { get; init; }

    /// <summary>The health status.</summary>
    public string? HealthStatus { get; init; }

    /// <summary>The work item type (<c>Issue</c>, <c>Incident</c>, …).</summary>
    public string Type { get; init; } = "Issue";

    /// <summary>The issue's page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary><c>opened</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "opened";

    /// <summary><c>open</c>, <c>close</c>, <c>reopen</c> or <c>update</c>.</summary>
    public string Action { get; init; } = "open";

    /// <summary>The severity.</summary>
    public string Severity { get; init; } = "unknown";

    /// <summary>The escalation status, for incidents.</summary>
    public string? EscalationStatus { get; init; }

    /// <summary>The escalation policy, for incidents.</summary>
    public EscalationPolicy? EscalationPolicy { get; init; }

    /// <summary>The labels.</summary>
    public IReadOnlyList<GitLabLabel> Labels { get; init; } = [];
}

/// <summary>An incident's escalation policy.</summary>
/// <param name="Id">The policy id.</param>
/// <param name="Name">The policy name.</param>
public sealed record EscalationPolicy(long Id, string Name);
