using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// A group member added, changed or removed, or an access request made or denied (GitLab's <c>Member Hook</c>, sent by
/// group webhooks). GitLab's payload has no <c>object_kind</c>; <see cref="EventName"/> says what happened.
/// </summary>
public sealed class MemberEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Member;

    /// <summary>When the membership was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last updated.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The group's name.</summary>
    public string GroupName { get; init; } = string.Empty;

    /// <summary>The group's path.</summary>
    public string GroupPath { get; init; } = string.Empty;

    /// <summary>The group id.</summary>
    public long GroupId { get; init; }

    /// <summary>The member's username.</summary>
    public string UserUsername { get; init; } = string.Empty;

    /// <summary>The member's name.</summary>
    public string UserName { get; init; } = string.Empty;

    /// <summary>The member's public e-mail, or <c>[REDACTED]</c>.</summary>
    public string UserEmail { get; init; } = "[REDACTED]";

    /// <summary>The member's id.</summary>
    public long UserId { get; init; }

    /// <summary>The role: <c>Guest</c>, <c>Reporter</c>, <c>Developer</c>, <c>Maintainer</c> or <c>Owner</c>.</summary>
    public string GroupAccess { get; init; } = "Guest";

    /// <summary>The group's plan, if any.</summary>
    public string? GroupPlan { get; init; }

    /// <summary>When the membership expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary><c>user_add_to_group</c>, <c>user_update_for_group</c>, <c>user_remove_from_group</c>,
    /// <c>user_access_request_to_group</c> or <c>user_access_request_denied_for_group</c>.</summary>
    public string EventName { get; init; } = "user_add_to_group";

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.MemberEvent);
}
