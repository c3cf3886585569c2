using Integrations.Providers.GoogleChat;

namespace Integrations;

/// <summary>Registers the Google Chat provider.</summary>
public static class GoogleChatIntegrationsBuilderExtensions
{
    /// <summary>Adds Google Chat notifications (<c>hangouts_chat</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddGoogleChat(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null) =>
        builder.Add<GoogleChatIntegration>(configure);
}
