using Integrations.Providers.Jenkins;

namespace Integrations;

/// <summary>Registers the Jenkins provider.</summary>
public static class JenkinsIntegrationsBuilderExtensions
{
    /// <summary>Adds Jenkins (<c>jenkins</c>, project level).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddJenkins(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<JenkinsIntegration>(configure);
}
