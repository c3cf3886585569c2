using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>
/// A project or group access token about to expire (GitLab's <c>Resource Access Token Hook</c>). Exactly one of
/// <see cref="Project"/> and <see cref="Group"/> is set; the other is left out of the JSON, as GitLab does.
/// </summary>
public sealed class AccessTokenEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.ResourceAccessToken;

    /// <summary>Always <c>access_token</c>.</summary>
    public string ObjectKind => "access_token";

    /// <summary>The project, for a project access token.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public GitLabProject? Project { get; init; }

    /// <summary>The group, for a group access token.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AccessTokenGroup? Group { get; init; }

    /// <summary>The token.</summary>
    public required AccessTokenAttributes ObjectAttributes { get; init; }

    /// <summary>Always <c>expiring_access_token</c>.</summary>
    public string EventName { get; init; } = "expiring_access_token";

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.AccessTokenEvent);
}

/// <summary>The group of a group access token.</summary>
/// <param name="GroupName">The group's name.</param>
/// <param name="GroupPath">The group's path.</param>
/// <param name="GroupId">The group id.</param>
/// <param name="FullPath">The group's full path.</param>
public sealed record AccessTokenGroup(string GroupName, string GroupPath, long GroupId, string FullPath);

/// <summary>The token in an access token payload's <c>object_attributes</c> (never its value).</summary>
/// <param name="UserId">The token's bot user.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Id">The token id.</param>
/// <param name="Name">Its name.</param>
/// <param name="ExpiresAt">When it expires (<c>yyyy-MM-dd</c>).</param>
public sealed record AccessTokenAttributes(long UserId, DateTimeOffset CreatedAt, long Id, string Name, string ExpiresAt);
