using Integrations.Providers.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>
    /// Adds <see cref="SlackSlashCommands"/> answering Slack slash commands with the host's handler; map it to a route
    /// (see its documentation). The signing secret is checked at startup.
    /// </summary>
    /// <typeparam name="THandler">The host's <see cref="ISlackCommandHandler"/>, registered as scoped.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the Slack app's signing secret and the command name.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSlackSlashCommands<THandler>(this IIntegrationsBuilder builder, Action<SlackSlashCommandOptions> configure)
        where THandler : class, ISlackCommandHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SlackSlashCommandOptions>().Configure(configure)
            .Validate(o => !string.IsNullOrEmpty(o.SigningSecret), "SlackSlashCommandOptions.SigningSecret is required: it is the Slack app's signing secret.")
            .ValidateOnStart();
        builder.Services.TryAddScoped<ISlackCommandHandler, THandler>();
        builder.Services.TryAddScoped<SlackSlashCommands>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
