using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A feature flag turned on or off (GitLab's <c>Feature Flag Hook</c>).</summary>
public sealed class FeatureFlagEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.FeatureFlag;

    /// <summary>Always <c>feature_flag</c>.</summary>
    public string ObjectKind => "feature_flag";

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>Who changed it.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The user's profile page.</summary>
    public string UserUrl { get; init; } = string.Empty;

    /// <summary>The flag.</summary>
    public required FeatureFlagAttributes ObjectAttributes { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.FeatureFlagEvent);
}

/// <summary>The flag in a feature flag payload's <c>object_attributes</c>.</summary>
/// <param name="Id">The flag id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description.</param>
/// <param name="Active">Whether it is now on.</param>
public sealed record FeatureFlagAttributes(long Id, string Name, string? Description, bool Active);
