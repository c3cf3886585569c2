using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A project created or deleted in a group (GitLab's <c>Project Hook</c>, sent by group webhooks).</summary>
public sealed class ProjectEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Project;

    /// <summary><c>project_create</c> or <c>project_destroy</c>.</summary>
    public string EventName { get; init; } = "project_create";

    /// <summary>When the project was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The project's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The project's path.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The full path (<c>group/project</c>).</summary>
    public string PathWithNamespace { get; init; } = string.Empty;

    /// <summary>The project id.</summary>
    public long ProjectId { get; init; }

    /// <summary>The project's namespace id.</summary>
    public long ProjectNamespaceId { get; init; }

    /// <summary>The owners.</summary>
    public IReadOnlyList<ProjectOwner> Owners { get; init; } = [];

    /// <summary><c>private</c>, <c>internal</c> or <c>public</c>.</summary>
    public string ProjectVisibility { get; init; } = "private";

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.ProjectEvent);
}

/// <summary>An owner in a project payload.</summary>
/// <param name="Name">The owner's name.</param>
/// <param name="Email">The owner's e-mail.</param>
public sealed record ProjectOwner(string Name, string Email);
