using Integrations.Providers.Jira;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>Registers the Jira provider.</summary>
public static class JiraIntegrationsBuilderExtensions
{
    /// <summary>Adds Jira (<c>jira</c>) with its validator, and <see cref="JiraIssueSearch"/> for the host's issue pages.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddJira(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        AddSearch(builder.Add<JiraIntegration, JiraIntegrationValidator>(configure));

    private static IIntegrationsBuilder AddSearch(IIntegrationsBuilder builder)
    {
        builder.Services.TryAddSingleton<JiraIssueSearch>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
