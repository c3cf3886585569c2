using Integrations.Providers.Jira;

namespace Integrations;

/// <summary>Registers the Jira provider.</summary>
public static class JiraIntegrationsBuilderExtensions
{
    /// <summary>Adds Jira (<c>jira</c>) with its validator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddJira(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<JiraIntegration, JiraIntegrationValidator>(configure);
}
