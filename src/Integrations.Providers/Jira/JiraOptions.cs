namespace Integrations.Providers.Jira;

/// <summary>Instance-wide Jira settings (<c>services.Configure&lt;JiraOptions&gt;(…)</c>).</summary>
public sealed class JiraOptions
{
    /// <summary>Atlassian's API gateway for scoped tokens: <c>https://api.atlassian.com/</c>.</summary>
    public Uri GatewayBaseUrl { get; set; } = new("https://api.atlassian.com/");

    /// <summary>
    /// The least time between two writes to one issue from this process (Jira Cloud limits writes per issue); 100 ms
    /// by default. <see cref="TimeSpan.Zero"/> turns pacing off.
    /// </summary>
    public TimeSpan PerIssueWriteInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
