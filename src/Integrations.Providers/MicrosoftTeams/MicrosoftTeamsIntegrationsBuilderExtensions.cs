using Integrations.Providers.MicrosoftTeams;

namespace Integrations;

/// <summary>Registers the Microsoft Teams provider.</summary>
public static class MicrosoftTeamsIntegrationsBuilderExtensions
{
    /// <summary>Adds Microsoft Teams notifications (<c>microsoft_teams</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddMicrosoftTeams(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<MicrosoftTeamsIntegration>(configure);
}
