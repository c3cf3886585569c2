using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A release created, updated or deleted.</summary>
public sealed class ReleaseEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.Release;

    /// <summary>The release id.</summary>
    [JsonPropertyName("id")]
    public long ReleaseId { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The release notes.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>When it was released.</summary>
    public DateTimeOffset ReleasedAt { get; init; }

    /// <summary>The tag.</summary>
    public string Tag { get; init; } = string.Empty;

    /// <summary>Always <c>release</c>.</summary>
    public string ObjectKind => "release";

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The release's page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public string Action { get; init; } = "create";

    /// <summary>The assets.</summary>
    public ReleaseAssets Assets { get; init; } = new();

    /// <summary>The tagged commit.</summary>
    public GitLabCommit? Commit { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.ReleaseEvent);
}

/// <summary>A release's assets.</summary>
public sealed record ReleaseAssets
{
    /// <summary>How many assets (links and sources).</summary>
    public int Count => Links.Count + Sources.Count;

    /// <summary>The links.</summary>
    public IReadOnlyList<ReleaseLink> Links { get; init; } = [];

    /// <summary>The source archives.</summary>
    public IReadOnlyList<ReleaseSource> Sources { get; init; } = [];
}

/// <summary>A release link.</summary>
/// <param name="Id">The link id.</param>
/// <param name="External">Deprecated: whether it points outside.</param>
/// <param name="LinkType">The type (<c>other</c>, <c>package</c>, …).</param>
/// <param name="Name">The name.</param>
/// <param name="Url">The URL.</param>
public sealed record ReleaseLink(long Id, bool External, string LinkType, string Name, string Url);

/// <summary>A source archive.</summary>
/// <param name="Format">The format (<c>zip</c>, <c>tar.gz</c>, …).</param>
/// <param name="Url">The URL.</param>
public sealed record ReleaseSource(string Format, string Url);
