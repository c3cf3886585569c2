namespace Integrations.Events.Payloads;

/// <summary>A project as GitLab payloads describe one (<c>project</c>, <c>source</c>, <c>target</c>).</summary>
public sealed record GitLabProject
{
    /// <summary>The project id.</summary>
    public long Id { get; init; }

    /// <summary>The name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The project's page.</summary>
    public string WebUrl { get; init; } = string.Empty;

    /// <summary>The avatar URL.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>The SSH clone URL.</summary>
    public string? GitSshUrl { get; init; }

    /// <summary>The HTTP clone URL.</summary>
    public string? GitHttpUrl { get; init; }

    /// <summary>The namespace's display name.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>0 private, 10 internal, 20 public.</summary>
    public int VisibilityLevel { get; init; }

    /// <summary>The full path, for example <c>group/project</c>.</summary>
    public string PathWithNamespace { get; init; } = string.Empty;

    /// <summary>The default branch.</summary>
    public string? DefaultBranch { get; init; }

    /// <summary>The CI configuration path.</summary>
    public string? CiConfigPath { get; init; }

    /// <summary>Deprecated alias of <see cref="WebUrl"/>.</summary>
    public string? Homepage { get; init; }

    /// <summary>Deprecated alias of the clone URL.</summary>
    public string? Url { get; init; }

    /// <summary>Deprecated alias of <see cref="GitSshUrl"/>.</summary>
    public string? SshUrl { get; init; }

    /// <summary>Deprecated alias of <see cref="GitHttpUrl"/>.</summary>
    public string? HttpUrl { get; init; }

    /// <summary>The deprecated <c>repository</c> object derived from this project.</summary>
    /// <param name="full">Whether to include clone URLs and visibility (push payloads do).</param>
    public GitLabRepository ToRepository(bool full = false) => new()
    {
        Name = Name,
        Url = Url ?? GitSshUrl ?? string.Empty,
        Description = Description,
        Homepage = Homepage ?? WebUrl,
        GitHttpUrl = full ? GitHttpUrl : null,
        GitSshUrl = full ? GitSshUrl : null,
        VisibilityLevel = full ? VisibilityLevel : null,
    };
}
