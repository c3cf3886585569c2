using System.Text.Json.Serialization;

namespace Integrations.Events;

/// <summary>
/// A host event handed to <see cref="Dispatch.IIntegrationDispatcher"/>: its kind, its GitLab-compatible JSON payload and,
/// for pushes, the ref. Use the typed payloads in <see cref="Payloads"/> (<see cref="Payloads.PushEvent"/>,
/// <see cref="Payloads.IssueEvent"/>, …) or <see cref="JsonEvent"/> for JSON the host already has. Every integration it is delivered to receives the same <see cref="Id"/> (sent as
/// <c>X-Gitlab-Event-UUID</c>).
/// </summary>
public abstract class IntegrationEvent
{
    /// <summary>The event id, shared by every delivery of this event.</summary>
    [JsonIgnore]
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>
    /// The single event kind. Confidential issues and notes use <see cref="IntegrationEvents.ConfidentialIssue"/> and
    /// <see cref="IntegrationEvents.ConfidentialNote"/>, so they reach only integrations subscribed to those kinds.
    /// </summary>
    [JsonIgnore]
    public abstract IntegrationEvents Kind { get; }

    /// <summary>The full Git ref (<c>refs/heads/main</c>, <c>refs/tags/v1.0</c>) for push-like events, else null.</summary>
    [JsonIgnore]
    public virtual string? Ref => null;

    /// <summary>The payload as UTF-8 JSON in GitLab's webhook format.</summary>
    public abstract byte[] ToJsonUtf8();
}
