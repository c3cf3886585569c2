namespace Integrations.Providers.Jira;

/// <summary>Instance-wide Jira settings (<c>services.Configure&lt;JiraOptions&gt;(…)</c>).</summary>
public sealed class JiraOptions
{
    /// <summary>Atlassian's API gateway for scoped tokens: <c>https://api.atlassian.com/</c>.</summary>
    public Uri GatewayBaseUrl { get; set; } = new("https://api.atlassian.com/");
}
