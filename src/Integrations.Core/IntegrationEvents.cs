namespace Integrations;

/// <summary>
/// The kinds of host events an integration can subscribe to (GitLab's event kinds). A set of them is a bitwise
/// combination; stored and exported as snake_case names (<c>push</c>, <c>tag_push</c>, <c>merge_request</c>, …).
/// </summary>
[Flags]
public enum IntegrationEvents : long
{
    /// <summary>No events.</summary>
    None = 0,

    /// <summary>Commits pushed to a branch.</summary>
    Push = 1L << 0,

    /// <summary>A tag created or deleted.</summary>
    TagPush = 1L << 1,

    /// <summary>An issue opened, closed, reopened or updated.</summary>
    Issue = 1L << 2,

    /// <summary>A confidential issue event; only sent to integrations that subscribe to it.</summary>
    ConfidentialIssue = 1L << 3,

    /// <summary>A merge request event.</summary>
    MergeRequest = 1L << 4,

    /// <summary>A comment.</summary>
    Note = 1L << 5,

    /// <summary>A comment on a confidential issue; only sent to integrations that subscribe to it.</summary>
    ConfidentialNote = 1L << 6,

    /// <summary>A pipeline status change.</summary>
    Pipeline = 1L << 7,

    /// <summary>A job status change.</summary>
    Job = 1L << 8,

    /// <summary>A deployment status change.</summary>
    Deployment = 1L << 9,

    /// <summary>An alert fired or resolved.</summary>
    Alert = 1L << 10,

    /// <summary>A wiki page created, updated or deleted.</summary>
    WikiPage = 1L << 11,

    /// <summary>A release created, updated or deleted.</summary>
    Release = 1L << 12,

    /// <summary>A vulnerability created or changed.</summary>
    Vulnerability = 1L << 13,

    /// <summary>A feature flag turned on or off.</summary>
    FeatureFlag = 1L << 14,

    /// <summary>An emoji reaction added or removed.</summary>
    Emoji = 1L << 15,

    /// <summary>A milestone created, closed, reopened or deleted.</summary>
    Milestone = 1L << 16,

    /// <summary>A group member added, changed or removed, or an access request (group webhooks in GitLab).</summary>
    Member = 1L << 17,

    /// <summary>A project created or deleted in a group (group webhooks in GitLab).</summary>
    Project = 1L << 18,

    /// <summary>A subgroup created or removed in a group (group webhooks in GitLab).</summary>
    Subgroup = 1L << 19,

    /// <summary>A project or group access token about to expire.</summary>
    ResourceAccessToken = 1L << 20,

    /// <summary>Every event kind.</summary>
    All = Push | TagPush | Issue | ConfidentialIssue | MergeRequest | Note | ConfidentialNote | Pipeline | Job
        | Deployment | Alert | WikiPage | Release | Vulnerability | FeatureFlag | Emoji | Milestone | Member | Project
        | Subgroup | ResourceAccessToken,
}
