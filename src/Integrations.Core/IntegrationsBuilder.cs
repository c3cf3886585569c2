using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

internal sealed class IntegrationsBuilder(IServiceCollection services) : IIntegrationsBuilder
{
    public IServiceCollection Services { get; } = services;
}
