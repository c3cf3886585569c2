namespace Integrations.Providers.Jira;

/// <summary>One issue key mentioned by one commit or merge request.</summary>
/// <param name="Key">The issue key.</param>
/// <param name="Closes">Whether the mention closes the issue (a "Closes KEY-1" on the default branch).</param>
/// <param name="Kind"><c>commit</c> or <c>merge request</c>.</param>
/// <param name="EntityUrl">The commit's or merge request's URL: the remote link's target and the mention's identity.</param>
/// <param name="EntityTitle">How the link and comment name it (<c>commit 1a2b3c4d</c>, <c>merge request !7</c>).</param>
/// <param name="Summary">The commit title or merge request title.</param>
/// <param name="Details">The whole commit message or merge request description.</param>
/// <param name="UserName">Who, as "Full Name (username)".</param>
/// <param name="ProjectName">The project's path.</param>
/// <param name="ProjectUrl">The project's URL.</param>
/// <param name="Branch">The branch, for commits.</param>
internal sealed record JiraMention(string Key, bool Closes, string Kind, string EntityUrl, string EntityTitle, string Summary, string? Details,
    string UserName, string ProjectName, string? ProjectUrl, string? Branch);
