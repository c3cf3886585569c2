namespace Integrations.Providers.Jira;

/// <summary>One Jira comment, as plain text.</summary>
/// <param name="Author">The author's display name.</param>
/// <param name="Body">The text (wiki markup on Data Center; ADF flattened to text on Cloud).</param>
/// <param name="Created">When it was written.</param>
public sealed record JiraComment(string? Author, string Body, DateTimeOffset? Created);
