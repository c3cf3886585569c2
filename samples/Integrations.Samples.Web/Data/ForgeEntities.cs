namespace Integrations.Samples.Web.Data;

/// <summary>A group of projects; groups nest.</summary>
public sealed class Group
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Path { get; set; }

    public long? ParentId { get; set; }
}

/// <summary>A project in a group.</summary>
public sealed class Project
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required string Path { get; set; }

    public long GroupId { get; set; }

    public string? Description { get; set; }

    public string DefaultBranch { get; set; } = "main";

    /// <summary>Protected branches, comma separated (the default branch is always protected).</summary>
    public string ProtectedBranches { get; set; } = "main";

    /// <summary>Whether a branch is protected: the default branch, or one matching a protected pattern.</summary>
    public bool IsProtected(string branch) =>
        branch == DefaultBranch
        || (!string.IsNullOrWhiteSpace(ProtectedBranches)
            && new Integrations.Events.BranchFilter(Integrations.Events.BranchFilterStrategy.Wildcard, ProtectedBranches).MatchesRef("refs/heads/" + branch));
}

/// <summary>A forge user; each has an API token.</summary>
public sealed class ForgeUser
{
    public long Id { get; set; }

    public required string Username { get; set; }

    public required string Name { get; set; }

    public bool IsAdmin { get; set; }

    /// <summary>SHA-256 of the personal access token (hex); the token itself is shown once.</summary>
    public required string TokenHash { get; set; }
}

/// <summary>An issue.</summary>
public sealed class Issue
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long Iid { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public string State { get; set; } = "opened";

    public bool Confidential { get; set; }

    /// <summary>Labels, comma separated.</summary>
    public string Labels { get; set; } = string.Empty;

    public long AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A comment on an issue or a merge request.</summary>
public sealed class Note
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    /// <summary><c>Issue</c> or <c>MergeRequest</c>.</summary>
    public required string NoteableType { get; set; }

    public long NoteableId { get; set; }

    public required string Body { get; set; }

    public long AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A merge request.</summary>
public sealed class MergeRequest
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long Iid { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public required string SourceBranch { get; set; }

    public required string TargetBranch { get; set; }

    public string State { get; set; } = "opened";

    public long AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The number a GitLab client sees for an integration or a hook (GitLab's ids are integers; the library's are GUIDs).
/// </summary>
public sealed class IntegrationNumber
{
    public long Id { get; set; }

    public Guid IntegrationId { get; set; }
}

/// <summary>The number a GitLab client sees for a hook event (a delivery).</summary>
public sealed class DeliveryNumber
{
    public long Id { get; set; }

    public Guid DeliveryId { get; set; }

    public Guid IntegrationId { get; set; }
}

/// <summary>A branch or tag and the commit it points at.</summary>
public sealed class GitRef
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    /// <summary>The full ref: <c>refs/heads/main</c> or <c>refs/tags/v1.0</c>.</summary>
    public required string Name { get; set; }

    public required string Sha { get; set; }
}

/// <summary>A pipeline with two jobs (build, test).</summary>
public sealed class Pipeline
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long Iid { get; set; }

    public required string Ref { get; set; }

    public required string Sha { get; set; }

    public string Status { get; set; } = "running";

    public long UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>A deployment to an environment.</summary>
public sealed class Deployment
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string Environment { get; set; }

    public required string Ref { get; set; }

    public required string Sha { get; set; }

    public string Status { get; set; } = "running";

    /// <summary>The ServiceNow change request a gated deployment waits on (its sys_id), when there is one.</summary>
    public string? ChangeRequestSysId { get; set; }

    /// <summary>The change request's page.</summary>
    public string? ChangeRequestUrl { get; set; }

    public long UserId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An alert from monitoring.</summary>
public sealed class Alert
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public long Iid { get; set; }

    public required string Title { get; set; }

    public string Severity { get; set; } = "critical";

    public string Status { get; set; } = "triggered";

    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>A wiki page.</summary>
public sealed class WikiPage
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string Slug { get; set; }

    public required string Title { get; set; }

    public string Content { get; set; } = string.Empty;

    public string Format { get; set; } = "markdown";
}

/// <summary>A release of a tag.</summary>
public sealed class Release
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public required string TagName { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
