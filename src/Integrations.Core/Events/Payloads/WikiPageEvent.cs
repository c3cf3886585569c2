using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Events.Payloads;

/// <summary>A wiki page created, updated or deleted.</summary>
public sealed class WikiPageEvent : IntegrationEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IntegrationEvents Kind => IntegrationEvents.WikiPage;

    /// <summary>Always <c>wiki_page</c>.</summary>
    public string ObjectKind => "wiki_page";

    /// <summary>Who changed it.</summary>
    public required GitLabUser User { get; init; }

    /// <summary>The project.</summary>
    public required GitLabProject Project { get; init; }

    /// <summary>The wiki.</summary>
    public required GitLabWiki Wiki { get; init; }

    /// <summary>The page.</summary>
    public required WikiPageAttributes ObjectAttributes { get; init; }

    /// <inheritdoc />
    public override byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, EventsJsonContext.Default.WikiPageEvent);
}

/// <summary>A project's wiki.</summary>
/// <param name="WebUrl">The wiki's home page.</param>
/// <param name="GitSshUrl">The SSH clone URL.</param>
/// <param name="GitHttpUrl">The HTTP clone URL.</param>
/// <param name="PathWithNamespace">The full path.</param>
/// <param name="DefaultBranch">The default branch.</param>
public sealed record GitLabWiki(string WebUrl, string GitSshUrl, string GitHttpUrl, string PathWithNamespace, string DefaultBranch);

/// <summary>The page in a wiki payload's <c>object_attributes</c>.</summary>
public sealed record WikiPageAttributes
{
    /// <summary>The title.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>The content.</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>The format (<c>markdown</c>, …).</summary>
    public string Format { get; init; } = "markdown";

    /// <summary>The commit message.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The slug.</summary>
    public string Slug { get; init; } = string.Empty;

    /// <summary>The page.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c>.</summary>
    public string Action { get; init; } = "create";

    /// <summary>The page's diff.</summary>
    public string DiffUrl { get; init; } = string.Empty;

    /// <summary>The version.</summary>
    public string VersionId { get; init; } = string.Empty;
}
