using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A deployment started, succeeded, failed or was canceled.</summary>
public sealed class DeploymentEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Deployment;

    /// <summary>Always <c>deployment</c>.</summary>
    public string ObjectKind => "deployment";

    /// <summary><c>running</c>, <c>success</c>, <c>failed</c> or <c>canceled</c>.</summary>
    public string Status { get; init; } = "running";

    /// <summary>When the status changed.</summary>
    public DateTimeOffset StatusChangedAt { get; init; }

    /// <summary>The deployment id.</summary>
    public long DeploymentId { get; init; }

    /// <summary>The job that deployed.</summary>
    public long? DeployableId { get; init; }

    /// <summary>The job's page (null for API or trigger deployments).</summary>
    public string? DeployableUrl { get; init; }

    /// <summary>The environment name.</summary>
    public string Environment { get; init; } = string.Empty;

    /// <summary>The environment tier.</summary>
    public string EnvironmentTier { get; init; } = "other";

    /// <summary>The environment slug.</summary>
    public string EnvironmentSlug { get; init; } = string.Empty;

    /// <summary>The environment's external URL.</summary>
    public string? EnvironmentExternalUrl { get; init; }

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The short commit SHA.</summary>
    public string ShortSha { get; init; } = string.Empty;

    /// <summary>Who deployed.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The user's page.</summary>
    public string UserUrl { get; init; } = string.Empty;

    /// <summary>The commit's page.</summary>
    public string CommitUrl { get; init; } = string.Empty;

    /// <summary>The commit title.</summary>
    public string CommitTitle { get; init; } = string.Empty;

    /// <summary>The branch or tag deployed (<c>ref</c> in the payload).</summary>
    [JsonPropertyName("ref")]
    public string DeployedRef { get; init; } = string.Empty;

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.DeploymentEvent);
}
