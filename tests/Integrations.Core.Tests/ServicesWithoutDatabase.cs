using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests;

/// <summary>A container without a database, for registry, catalog and validation tests.</summary>
internal static class ServicesWithoutDatabase
{
    public static ServiceProvider Build(Action<IIntegrationsBuilder> configure, Action<IntegrationsOptions>? options = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddIntegrations(o =>
        {
            o.Encryption.AddKey("test-key", TestKeys.NewBase64Key());
            options?.Invoke(o);
        });
        configure(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
