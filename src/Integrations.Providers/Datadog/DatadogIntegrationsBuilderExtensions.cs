using Integrations.Providers.Datadog;

namespace Integrations;

/// <summary>Registers the Datadog provider.</summary>
public static class DatadogIntegrationsBuilderExtensions
{
    /// <summary>Adds Datadog (<c>datadog</c>) with its validator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddDatadog(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<DatadogIntegration, DatadogIntegrationValidator>(configure);
}
