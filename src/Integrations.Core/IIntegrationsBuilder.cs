using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

/// <summary>Configures the integrations framework; returned by <c>services.AddIntegrations()</c>.</summary>
public interface IIntegrationsBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
