using Integrations.Providers.Jira;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddOptions<JiraOptions>()
            .Validate(o => o.PerIssueWriteInterval >= TimeSpan.Zero && o.PerIssueWriteInterval <= TimeSpan.FromMinutes(1), "JiraOptions.PerIssueWriteInterval must be between zero (no pacing) and one minute.")
            .Validate(o => o.GatewayBaseUrl is { IsAbsoluteUri: true }, "JiraOptions.GatewayBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<JiraIssueSearch>();
        builder.Services.TryAddSingleton<JiraWritePacer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
