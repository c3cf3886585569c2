using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>An alert fired or changed (GitLab's alert payload for integrations).</summary>
public sealed class AlertEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Alert;

    /// <summary>Always <c>alert</c>.</summary>
    public string ObjectKind => "alert";

    /// <summary>The alert.</summary>
    public required AlertAttributes ObjectAttributes { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.AlertEvent);
}

/// <summary>The alert in an alert payload's <c>object_attributes</c>.</summary>
public sealed record AlertAttributes
{
    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The alert's page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The severity (<c>critical</c>, <c>high</c>, …).</summary>
    public string Severity { get; init; } = "unknown";

    /// <summary>How many times it fired.</summary>
    public int Events { get; init; } = 1;

    /// <summary><c>triggered</c>, <c>acknowledged</c>, <c>resolved</c> or <c>ignored</c>.</summary>
    public string Status { get; init; } = "triggered";

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }
}
