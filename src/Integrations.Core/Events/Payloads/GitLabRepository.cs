using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>The deprecated <c>repository</c> object GitLab still sends (short form, or full in push payloads).</summary>
public sealed record GitLabRepository
{
    /// <summary>The name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The clone URL.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The project page.</summary>
    public string? Homepage { get; init; }

    /// <summary>The HTTP clone URL (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GitHttpUrl { get; init; }

    /// <summary>The SSH clone URL (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GitSshUrl { get; init; }

    /// <summary>The visibility (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? VisibilityLevel { get; init; }
}
