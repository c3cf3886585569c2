using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A commit as GitLab payloads describe one (<c>commits[]</c>, <c>commit</c>, <c>last_commit</c>).</summary>
public sealed record GitLabCommit
{
    /// <summary>The SHA.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The full message.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The first line of the message; null leaves it out (comment payloads).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; init; }

    /// <summary>When it was authored.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The commit's page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>The author.</summary>
    public GitLabCommitAuthor Author { get; init; } = new(string.Empty, string.Empty);

    /// <summary>Files added (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Added { get; init; }

    /// <summary>Files modified (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Modified { get; init; }

    /// <summary>Files removed (push payloads only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Removed { get; init; }
}
