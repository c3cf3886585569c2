namespace Integrations.Providers.Jira;

/// <summary>A Jira issue as a search lists it.</summary>
/// <param name="Key">The key.</param>
/// <param name="Summary">The summary (title).</param>
/// <param name="Status">The status name.</param>
/// <param name="StatusCategory">The status category key: <c>new</c>, <c>indeterminate</c> or <c>done</c>.</param>
/// <param name="Assignee">The assignee's display name, if any.</param>
/// <param name="Url">The issue's page.</param>
public sealed record JiraIssueSummary(string Key, string Summary, string? Status, string? StatusCategory, string? Assignee, Uri Url);
