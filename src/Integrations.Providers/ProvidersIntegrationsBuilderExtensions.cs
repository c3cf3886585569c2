namespace Integrations;

/// <summary>Registers every built-in provider at once.</summary>
public static class ProvidersIntegrationsBuilderExtensions
{
    /// <summary>Adds every provider in this package: webhooks, Jenkins, Datadog, Slack, Microsoft Teams, Google Chat, Jira and ServiceNow.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddAllProviders(this IIntegrationsBuilder builder) =>
        builder.AddWebhooks().AddJenkins().AddDatadog().AddSlack().AddMicrosoftTeams().AddGoogleChat().AddJira().AddServiceNow();
}
