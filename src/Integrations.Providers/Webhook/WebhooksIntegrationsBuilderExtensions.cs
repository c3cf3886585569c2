using Integrations.Providers.Webhook;

namespace Integrations;

/// <summary>Registers the generic webhook provider.</summary>
public static class WebhooksIntegrationsBuilderExtensions
{
    /// <summary>Adds webhooks (<c>webhook</c>): many per project, group and instance, with their validator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddWebhooks(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<WebhookIntegration, WebhookIntegrationValidator>(configure);
}
