namespace Integrations.Providers.Slack;

/// <summary>What to answer Slack: the HTTP status and, for 200, the JSON message (<c>response_type</c>, <c>text</c>, <c>blocks</c>).</summary>
/// <param name="StatusCode">200, or 401 for a request that is not from Slack.</param>
/// <param name="Json">The response body, or null.</param>
public sealed record SlackCommandResponse(int StatusCode, string? Json);
