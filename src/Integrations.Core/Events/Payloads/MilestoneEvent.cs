using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A milestone created, closed, reopened or deleted (GitLab's <c>Milestone Hook</c>).</summary>
public sealed class MilestoneEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Milestone;

    /// <summary>Always <c>milestone</c>.</summary>
    public string ObjectKind => "milestone";

    /// <summary>Always <c>milestone</c>.</summary>
    public string EventType => "milestone";

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The milestone.</summary>
    public required MilestoneAttributes ObjectAttributes { get; init; }

    /// <summary><c>create</c>, <c>close</c>, <c>reopen</c> or <c>delete</c>.</summary>
    public string Action { get; init; } = "create";

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.MilestoneEvent);
}

/// <summary>The milestone in a milestone payload's <c>object_attributes</c>.</summary>
public sealed record MilestoneAttributes
{
    /// <summary>The milestone id.</summary>
    public long Id { get; init; }

    /// <summary>Its number within the project or group.</summary>
    public long Iid { get; init; }

    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary><c>active</c> or <c>closed</c>.</summary>
    public string State { get; init; } = "active";

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The due date (<c>yyyy-MM-dd</c>).</summary>
    public string? DueDate { get; init; }

    /// <summary>The start date (<c>yyyy-MM-dd</c>).</summary>
    public string? StartDate { get; init; }

    /// <summary>The group, for a group milestone.</summary>
    public long? GroupId { get; init; }

    /// <summary>The project, for a project milestone.</summary>
    public long? ProjectId { get; init; }
}
