using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A job's status changed (GitLab's <c>build</c> object kind).</summary>
public sealed class JobEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Job;

    /// <summary>Always <c>build</c>.</summary>
    public string ObjectKind => "build";

    /// <summary>The branch or tag name.</summary>
    [JsonPropertyName("ref")]
    public string GitRef { get; init; } = string.Empty;

    /// <summary>Whether the ref is a tag.</summary>
    public bool Tag { get; init; }

    /// <summary>The previous SHA.</summary>
    public string BeforeSha { get; init; } = string.Empty;

    /// <summary>The commit SHA.</summary>
    public string Sha { get; init; } = string.Empty;

    /// <summary>The job id.</summary>
    public long BuildId { get; init; }

    /// <summary>The job name.</summary>
    public string BuildName { get; init; } = string.Empty;

    /// <summary>The stage.</summary>
    public string BuildStage { get; init; } = string.Empty;

    /// <summary>The status.</summary>
    public string BuildStatus { get; init; } = "created";

    /// <summary>When it was created.</summary>
    public DateTimeOffset BuildCreatedAt { get; init; }

    /// <summary>When it was created (ISO 8601).</summary>
    public DateTimeOffset BuildCreatedAtIso => BuildCreatedAt;

    /// <summary>When it started.</summary>
    public DateTimeOffset? BuildStartedAt { get; init; }

    /// <summary>When it started (ISO 8601).</summary>
    public DateTimeOffset? BuildStartedAtIso => BuildStartedAt;

    /// <summary>When it finished.</summary>
    public DateTimeOffset? BuildFinishedAt { get; init; }

    /// <summary>When it finished (ISO 8601).</summary>
    public DateTimeOffset? BuildFinishedAtIso => BuildFinishedAt;

    /// <summary>Seconds it ran.</summary>
    public double? BuildDuration { get; init; }

    /// <summary>Seconds it waited.</summary>
    public double? BuildQueuedDuration { get; init; }

    /// <summary>Whether it may fail.</summary>
    public bool BuildAllowFailure { get; init; }

    /// <summary>Why it failed.</summary>
    public string? BuildFailureReason { get; init; }

    /// <summary>0 for the first run, 1 for the first retry, ….</summary>
    public int RetriesCount { get; init; }

    /// <summary>The pipeline id.</summary>
    public long PipelineId { get; init; }

    /// <summary>The project id.</summary>
    public long ProjectId => Project.Id;

    /// <summary>The project's full path.</summary>
    public string ProjectName => Project.PathWithNamespace;

    /// <summary>Who ran it.</summary>
    public GitLabUser? User { get; init; }

    /// <summary>The pipeline's commit.</summary>
    public required JobCommit Commit { get; init; }

    /// <summary>The deprecated repository object.</summary>
    public JobRepository Repository => new(Project.Name, Project.Url ?? Project.GitSshUrl, Project.Description, Project.WebUrl, Project.GitSshUrl, Project.GitHttpUrl, Project.VisibilityLevel);

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The runner.</summary>
    public GitLabRunner? Runner { get; init; }

    /// <summary>The environment.</summary>
    public JobEnvironment? Environment { get; init; }

    /// <summary>The upstream pipeline.</summary>
    public SourcePipeline? SourcePipeline { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.JobEvent);
}

/// <summary>The pipeline commit in a job payload (its <c>id</c> is the pipeline id, as in GitLab).</summary>
public sealed record JobCommit
{
    /// <summary>The pipeline id.</summary>
    public long Id { get; init; }

    /// <summary>The pipeline name.</summary>
    public string? Name { get; init; }

    /// <summary>The commit SHA.</summary>
    public string Sha { get; init; } = string.Empty;

    /// <summary>The commit message.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The author's name.</summary>
    public string AuthorName { get; init; } = string.Empty;

    /// <summary>The author's e-mail.</summary>
    public string AuthorEmail { get; init; } = string.Empty;

    /// <summary>The author's profile page, or <c>mailto:</c> their e-mail when they have no account (as GitLab sends).</summary>
    public string? AuthorUrl { get => field ?? (string.IsNullOrEmpty(AuthorEmail) ? null : "mailto:" + AuthorEmail); init; }

    /// <summary>The pipeline status.</summary>
    public string Status { get; init; } = "created";

    /// <summary>Seconds the pipeline ran.</summary>
    public long? Duration { get; init; }

    /// <summary>When the pipeline started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the pipeline started (ISO 8601).</summary>
    public DateTimeOffset? StartedAtIso => StartedAt;

    /// <summary>When the pipeline finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the pipeline finished (ISO 8601).</summary>
    public DateTimeOffset? FinishedAtIso => FinishedAt;
}

/// <summary>The deprecated repository object of a job payload.</summary>
/// <param name="Name">The name.</param>
/// <param name="Url">The repository's clone URL (<c>url_to_repo</c>).</param>
/// <param name="Description">The description.</param>
/// <param name="Homepage">The project page.</param>
/// <param name="GitSshUrl">The SSH clone URL.</param>
/// <param name="GitHttpUrl">The HTTP clone URL.</param>
/// <param name="VisibilityLevel">The visibility.</param>
public sealed record JobRepository(string Name, string? Url, string? Description, string Homepage, string? GitSshUrl, string? GitHttpUrl, int VisibilityLevel);
