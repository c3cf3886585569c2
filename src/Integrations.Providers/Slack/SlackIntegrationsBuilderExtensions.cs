using Integrations.Providers.Slack;

namespace Integrations;

/// <summary>Registers the Slack provider.</summary>
public static class SlackIntegrationsBuilderExtensions
{
    /// <summary>Adds Slack notifications (<c>slack</c>) with its validator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSlack(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<SlackIntegration, SlackIntegrationValidator>(configure);
}
