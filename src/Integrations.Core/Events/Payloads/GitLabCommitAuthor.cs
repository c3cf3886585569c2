namespace Integrations.Events.Payloads;

/// <summary>A commit author.</summary>
/// <param name="Name">The name.</param>
/// <param name="Email">The e-mail.</param>
public sealed record GitLabCommitAuthor(string Name, string Email);
