using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A pipeline's status changed.</summary>
public sealed class PipelineEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Pipeline;

    /// <summary>Always <c>pipeline</c>.</summary>
    public string ObjectKind => "pipeline";

    /// <summary>The pipeline.</summary>
    public required PipelineAttributes ObjectAttributes { get; init; }

    /// <summary>The merge request the pipeline ran for, if any.</summary>
    public PipelineMergeRequest? MergeRequest { get; init; }

    /// <summary>Who triggered it.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The commit.</summary>
    public GitLabCommit? Commit { get; init; }

    /// <summary>The upstream pipeline, for a downstream pipeline.</summary>
    public SourcePipeline? SourcePipeline { get; init; }

    /// <summary>The pipeline's jobs.</summary>
    public IReadOnlyList<PipelineBuild> Builds { get; init; } = [];

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.PipelineEvent);
}

/// <summary>The pipeline in a pipeline payload's <c>object_attributes</c>.</summary>
public sealed record PipelineAttributes
{
    /// <summary>The pipeline id.</summary>
    public long Id { get; init; }

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The pipeline name.</summary>
    public string? Name { get; init; }

    /// <summary>The branch or tag name (not the full ref).</summary>
    [JsonPropertyName("ref")]
    public string GitRef { get; init; } = string.Empty;

    /// <summary>Whether <see cref="GitRef"/> is a tag.</summary>
    public bool Tag { get; init; }

    /// <summary>The commit SHA.</summary>
    public string Sha { get; init; } = string.Empty;

    /// <summary>The previous SHA.</summary>
    public string BeforeSha { get; init; } = string.Empty;

    /// <summary>What started it (<c>push</c>, <c>merge_request_event</c>, …).</summary>
    public string Source { get; init; } = "push";

    /// <summary><c>created</c>, <c>running</c>, <c>success</c>, <c>failed</c>, <c>canceled</c>, ….</summary>
    public string Status { get; init; } = "created";

    /// <summary>The stage names.</summary>
    public IReadOnlyList<string> Stages { get; init; } = [];

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The duration in seconds.</summary>
    public long? Duration { get; init; }

    /// <summary>Pipeline variables (never include secrets here).</summary>
    public IReadOnlyList<PipelineVariable> Variables { get; init; } = [];

    /// <summary>The pipeline's page.</summary>
    public string Url { get; init; } = string.Empty;
}

/// <summary>A pipeline variable.</summary>
/// <param name="Key">The name.</param>
/// <param name="Value">The value.</param>
public sealed record PipelineVariable(string Key, string Value);

/// <summary>The merge request a pipeline ran for.</summary>
public sealed record PipelineMergeRequest
{
    /// <summary>The merge request id.</summary>
    public long Id { get; init; }

    /// <summary>The project-scoped number.</summary>
    public long Iid { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The source branch.</summary>
    public string SourceBranch { get; init; } = string.Empty;

    /// <summary>The source project.</summary>
    public long SourceProjectId { get; init; }

    /// <summary>The target branch.</summary>
    public string TargetBranch { get; init; } = string.Empty;

    /// <summary>The target project.</summary>
    public long TargetProjectId { get; init; }

    /// <summary>The state.</summary>
    public string State { get; init; } = "opened";

    /// <summary>Deprecated merge status.</summary>
    public string MergeStatus { get; init; } = "unchecked";

    /// <summary>The detailed merge status.</summary>
    public string DetailedMergeStatus { get; init; } = "checking";

    /// <summary>The merge request's page.</summary>
    public string Url { get; init; } = string.Empty;
}

/// <summary>The upstream pipeline of a downstream pipeline or job.</summary>
/// <param name="Project">The upstream project.</param>
/// <param name="PipelineId">The upstream pipeline.</param>
/// <param name="JobId">The upstream trigger job.</param>
public sealed record SourcePipeline(SourcePipelineProject Project, long PipelineId, long JobId);

/// <summary>The upstream project of a downstream pipeline.</summary>
/// <param name="Id">The project id.</param>
/// <param name="WebUrl">The project page.</param>
/// <param name="PathWithNamespace">The full path.</param>
public sealed record SourcePipelineProject(long Id, string WebUrl, string PathWithNamespace);

/// <summary>A job in a pipeline payload's <c>builds</c>.</summary>
public sealed record PipelineBuild
{
    /// <summary>The job id.</summary>
    public long Id { get; init; }

    /// <summary>The stage.</summary>
    public string Stage { get; init; } = string.Empty;

    /// <summary>The name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The status.</summary>
    public string Status { get; init; } = "created";

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Seconds it ran.</summary>
    public double? Duration { get; init; }

    /// <summary>Seconds it waited.</summary>
    public double? QueuedDuration { get; init; }

    /// <summary>Why it failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>When it runs (<c>on_success</c>, <c>manual</c>, …).</summary>
    public string When { get; init; } = "on_success";

    /// <summary>Whether it is manual.</summary>
    public bool Manual { get; init; }

    /// <summary>Whether it may fail.</summary>
    public bool AllowFailure { get; init; }

    /// <summary>Who ran it.</summary>
    public GitLabUser? User { get; init; }

    /// <summary>The runner.</summary>
    public GitLabRunner? Runner { get; init; }

    /// <summary>The artifacts file.</summary>
    public ArtifactsFile ArtifactsFile { get; init; } = new(null, null);

    /// <summary>The environment it deploys to.</summary>
    public JobEnvironment? Environment { get; init; }
}

/// <summary>A runner.</summary>
public sealed record GitLabRunner
{
    /// <summary>The runner id.</summary>
    public long Id { get; init; }

    /// <summary>The description.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Whether it is active.</summary>
    public bool Active { get; init; } = true;

    /// <summary><c>instance_type</c>, <c>group_type</c> or <c>project_type</c>.</summary>
    public string RunnerType { get; init; } = "instance_type";

    /// <summary>Whether it is shared.</summary>
    public bool IsShared { get; init; }

    /// <summary>Its tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>A job's artifacts file.</summary>
/// <param name="Filename">The file name.</param>
/// <param name="Size">The size in bytes.</param>
public sealed record ArtifactsFile(string? Filename, long? Size);

/// <summary>The environment a job deploys to.</summary>
/// <param name="Name">The environment.</param>
/// <param name="Action">The action (<c>start</c>, <c>stop</c>, …).</param>
/// <param name="DeploymentTier">The tier.</param>
public sealed record JobEnvironment(string Name, string Action, string DeploymentTier);
