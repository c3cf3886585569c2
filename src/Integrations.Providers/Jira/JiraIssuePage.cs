namespace Integrations.Providers.Jira;

/// <summary>One page of a search.</summary>
/// <param name="Issues">The issues.</param>
/// <param name="NextPageToken">Pass it to get the next page; null on the last page.</param>
public sealed record JiraIssuePage(IReadOnlyList<JiraIssueSummary> Issues, string? NextPageToken);
