namespace Integrations.Providers.Slack;

/// <summary>Instance-wide Slack settings (<c>services.Configure&lt;SlackOptions&gt;(…)</c>).</summary>
public sealed class SlackOptions
{
    /// <summary>The Web API's base URL: <c>https://slack.com/api/</c> (tests and Slack GovSlack point elsewhere).</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");
}
