using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A subgroup created or removed in a group (GitLab's <c>Subgroup Hook</c>, sent by group webhooks).</summary>
public sealed class SubgroupEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Subgroup;

    /// <summary>When the subgroup was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary><c>subgroup_create</c> or <c>subgroup_destroy</c>.</summary>
    public string EventName { get; init; } = "subgroup_create";

    /// <summary>The subgroup's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The subgroup's path.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The subgroup's full path.</summary>
    public string FullPath { get; init; } = string.Empty;

    /// <summary>The subgroup's id.</summary>
    public long GroupId { get; init; }

    /// <summary>The parent group's id.</summary>
    public long ParentGroupId { get; init; }

    /// <summary>The parent group's name.</summary>
    public string ParentName { get; init; } = string.Empty;

    /// <summary>The parent group's path.</summary>
    public string ParentPath { get; init; } = string.Empty;

    /// <summary>The parent group's full path.</summary>
    public string ParentFullPath { get; init; } = string.Empty;

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.SubgroupEvent);
}
