namespace Integrations.Providers.Jira;

/// <summary>A Jira issue with its description and comments, for a host page.</summary>
/// <param name="Issue">The issue's summary fields.</param>
/// <param name="Description">The description as plain text.</param>
/// <param name="Comments">The comments, oldest first.</param>
public sealed record JiraIssueDetails(JiraIssueSummary Issue, string? Description, IReadOnlyList<JiraComment> Comments);
