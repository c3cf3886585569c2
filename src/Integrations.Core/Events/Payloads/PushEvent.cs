using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// A push of commits to a branch (<c>push</c>) or of a tag (<c>tag_push</c>), decided by the ref. Build one with
/// <see cref="Create"/>, which keeps the newest 20 commits and counts all of them as GitLab does.
/// </summary>
public sealed class PushEvent : IntegrationEvent
{
    /// <summary>GitLab's all-zero SHA for a created or deleted ref.</summary>
    public const string BlankSha = "0000000000000000000000000000000000000000";

    /// <summary>The most commits a payload lists.</summary>
    public const int MaxCommits = 20;

    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IsTag ? IntegrationEvents.TagPush : IntegrationEvents.Push;

    /// <inheritdoc />
    [JsonIgnore]
    public override string? Ref => GitRef;

    /// <summary><c>push</c> or <c>tag_push</c>.</summary>
    public string ObjectKind => IsTag ? "tag_push" : "push";

    /// <summary><c>push</c> or <c>tag_push</c>.</summary>
    public string EventName => ObjectKind;

    /// <summary>The SHA before the push (all zeros for a new ref).</summary>
    public string Before { get; init; } = BlankSha;

    /// <summary>The SHA after the push (all zeros for a deleted ref).</summary>
    public string After { get; init; } = BlankSha;

    /// <summary>The full ref, <c>refs/heads/main</c> or <c>refs/tags/v1.0</c>.</summary>
    [JsonPropertyName("ref")]
    public required string GitRef { get; init; }

    /// <summary>Whether the ref is protected.</summary>
    public bool RefProtected { get; init; }

    /// <summary>The commit checked out by the ref after the push; null when the ref was deleted.</summary>
    public string? CheckoutSha { get; init; }

    /// <summary>The pushing user's id.</summary>
    public long? UserId { get; init; }

    /// <summary>The pushing user's name.</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>The pushing user's username.</summary>
    public string UserUsername { get; init; } = string.Empty;

    /// <summary>The pushing user's e-mail.</summary>
    public string? UserEmail { get; init; }

    /// <summary>The pushing user's avatar.</summary>
    public string? UserAvatar { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId => Project.Id;

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The deprecated repository object.</summary>
    public GitLabRepository Repository => Project.ToRepository(full: true);

    /// <summary>The newest commits (at most 20), oldest first.</summary>
    public IReadOnlyList<GitLabCommit> Commits { get; init; } = [];

    /// <summary>How many commits the push contained in all.</summary>
    public int TotalCommitsCount { get; init; }

    private bool IsTag => GitRef.StartsWith("refs/tags/", StringComparison.Ordinal);

    /// <summary>Builds a push payload.</summary>
    /// <param name="user">Who pushed.</param>
    /// <param name="project">Where.</param>
    /// <param name="before">The SHA before (all zeros for a new ref).</param>
    /// <param name="after">The SHA after (all zeros for a deleted ref).</param>
    /// <param name="gitRef">The full ref.</param>
    /// <param name="commits">The pushed commits, oldest first; only the newest 20 are listed.</param>
    /// <param name="refProtected">Whether the ref is protected.</param>
    public static PushEvent Create(GitLabUser user, GitLabProject project, string before, string after, string gitRef, IReadOnlyList<GitLabCommit> commits, bool refProtected = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(commits);
        ArgumentException.ThrowIfNullOrWhiteSpace(gitRef);
        return new PushEvent
        {
            Before = before,
            After = after,
            GitRef = gitRef,
            RefProtected = refProtected,
            CheckoutSha = after == BlankSha ? null : after,
            UserId = user.Id,
            UserName = user.Name,
            UserUsername = user.Username,
            UserEmail = user.Email,
            UserAvatar = user.AvatarUrl,
            Project = project,
            Commits = commits.Count > MaxCommits ? commits.Skip(commits.Count - MaxCommits).ToArray() : commits,
            TotalCommitsCount = commits.Count,
        };
    }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.PushEvent);
}
