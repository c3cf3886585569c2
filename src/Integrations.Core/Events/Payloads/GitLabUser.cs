namespace Integrations.Events.Payloads;

/// <summary>A user as GitLab payloads describe one (<c>user</c>, <c>assignees[]</c>).</summary>
public sealed record GitLabUser
{
    /// <summary>The host's user id.</summary>
    public long? Id { get; init; }

    /// <summary>The display name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The username.</summary>
    public string Username { get; init; } = string.Empty;

    /// <summary>The avatar URL.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>The public e-mail, or <c>[REDACTED]</c> when the user has none (GitLab's convention).</summary>
    public string? Email { get; init; }
}
