using Integrations.Providers.ServiceNow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Registers the ServiceNow provider and its approval gate.</summary>
public static class ServiceNowIntegrationsBuilderExtensions
{
    /// <summary>Adds ServiceNow (<c>servicenow</c>) with its validator, and <see cref="ServiceNowApprovals"/> for the host's deployment flow.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability, levels).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddServiceNow(this IIntegrationsBuilder builder, Action<Registry.IntegrationTypeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add<ServiceNowIntegration, ServiceNowIntegrationValidator>(configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<ServiceNowTokenCache>();
        builder.Services.TryAddSingleton<ServiceNowApprovals>();
        return builder;
    }

    /// <summary>
    /// Adds <see cref="ServiceNowApprovalWatcher"/>, polling watched change requests in the background and calling
    /// <typeparamref name="THandler"/> when an approval is decided. The poll interval is checked at startup.
    /// </summary>
    /// <typeparam name="THandler">The host's <see cref="IServiceNowApprovalHandler"/>, registered as scoped.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the poll interval.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddServiceNowApprovalPolling<THandler>(this IIntegrationsBuilder builder, Action<ServiceNowApprovalOptions>? configure = null)
        where THandler : class, IServiceNowApprovalHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceNow();
        builder.Services.AddOptions<ServiceNowApprovalOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServiceNowApprovalOptions>, ApprovalOptionsValidator>());
        builder.Services.TryAddScoped<IServiceNowApprovalHandler, THandler>();
        builder.Services.TryAddSingleton<ServiceNowApprovalWatcher>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ServiceNowApprovalPoller>());
        return builder;
    }

    /// <summary>The range of <see cref="ServiceNowApprovalOptions"/>, the message naming the option and its value.</summary>
    private sealed class ApprovalOptionsValidator : IValidateOptions<ServiceNowApprovalOptions>
    {
        public ValidateOptionsResult Validate(string? name, ServiceNowApprovalOptions options) => options.PollInterval >= TimeSpan.FromSeconds(1)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"ServiceNowApprovalOptions.PollInterval must be at least one second; it is {options.PollInterval}.");
    }
}
