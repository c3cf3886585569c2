using Integrations.Providers.Jira;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        builder.Services.AddOptions<JiraOptions>().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JiraOptions>, OptionsValidator>());
        builder.Services.TryAddSingleton<JiraIssueSearch>();
        builder.Services.TryAddSingleton<JiraWritePacer>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The ranges of <see cref="JiraOptions"/>, each message naming the option and its value.</summary>
    private sealed class OptionsValidator : IValidateOptions<JiraOptions>
    {
        public ValidateOptionsResult Validate(string? name, JiraOptions options)
        {
            var errors = new List<string>();
            if (options.PerIssueWriteInterval < TimeSpan.Zero || options.PerIssueWriteInterval > TimeSpan.FromMinutes(1))
            {
                errors.Add($"JiraOptions.PerIssueWriteInterval must be between zero (no pacing) and one minute; it is {options.PerIssueWriteInterval}.");
            }

            if (options.GatewayBaseUrl is not { IsAbsoluteUri: true })
            {
                errors.Add($"JiraOptions.GatewayBaseUrl must be an absolute URL; it is '{options.GatewayBaseUrl}'.");
            }

            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
