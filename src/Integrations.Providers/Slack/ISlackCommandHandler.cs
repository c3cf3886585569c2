namespace Integrations.Providers.Slack;

/// <summary>
/// What the host does for Slack slash commands (GitLab's "Slack slash commands"): show, create and search issues in a
/// project named by its full path. The host checks that the Slack user may do it, and throws
/// <see cref="UnauthorizedAccessException"/> when not (the command answers with the exception's message).
/// </summary>
public interface ISlackCommandHandler
{
    /// <summary>The issue, or null when the project or issue does not exist.</summary>
    /// <param name="project">The project's full path, as typed.</param>
    /// <param name="iid">The issue number.</param>
    /// <param name="user">Who asks.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<SlackCommandIssue?> ShowIssueAsync(string project, long iid, SlackCommandUser user, CancellationToken cancellationToken);

    /// <summary>Creates an issue and returns it, or null when the project does not exist.</summary>
    /// <param name="project">The project's full path.</param>
    /// <param name="title">The title.</param>
    /// <param name="description">The description (the lines after the first), if any.</param>
    /// <param name="user">Who creates it.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    Task<SlackCommandIssue?> CreateIssueAsync(string project, string title, string? description, SlackCommandUser user, CancellationToken cancellationToken);

    /// <summary>Issues whose title matches, or null when the project does not exist.</summary>
    /// <param name="project">The project's full path.</param>
    /// <param name="query">The search text.</param>
    /// <param name="user">Who searches.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<IReadOnlyList<SlackCommandIssue>?> SearchIssuesAsync(string project, string query, SlackCommandUser user, CancellationToken cancellationToken);
}
