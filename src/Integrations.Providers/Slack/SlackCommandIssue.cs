namespace Integrations.Providers.Slack;

/// <summary>An issue as a slash command shows it.</summary>
/// <param name="Iid">The issue's number in its project.</param>
/// <param name="Title">Its title.</param>
/// <param name="State">Its state (<c>opened</c>, <c>closed</c>).</param>
/// <param name="Url">Its absolute URL.</param>
/// <param name="Description">Its description, if any.</param>
public sealed record SlackCommandIssue(long Iid, string Title, string State, string Url, string? Description = null);
