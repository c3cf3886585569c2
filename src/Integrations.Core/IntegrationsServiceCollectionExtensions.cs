using Integrations.State;
using Integrations.DeliveryLog;
using Integrations.Diagnostics;
using Integrations.Dispatch;
using Integrations.Health;
using Integrations.Http;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Registry;
using Integrations.Secrets;
using Integrations.Storage;
using Integrations.TestSettings;
using Integrations.Validation;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Registers the integrations framework.</summary>
public static class IntegrationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the integrations framework. Safe to call more than once. Then register types with
    /// <see cref="IntegrationsBuilderExtensions.Add{TIntegration}"/>, a database with
    /// <see cref="IntegrationsBuilderExtensions.UseDbContext{TContext}"/> and, for hosts with groups, the hierarchy with
    /// <see cref="IntegrationsBuilderExtensions.UseScopeHierarchy{THierarchy}"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures the options (at least one encryption key is required).</param>
    /// <returns>A builder for the rest of the configuration.</returns>
    public static IIntegrationsBuilder AddIntegrations(this IServiceCollection services, Action<IntegrationsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IntegrationsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.AddOptions<IntegrationRegistryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationsOptions>, IntegrationsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationRegistryOptions>, IntegrationRegistryOptionsValidator>());

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIntegrationRegistry, IntegrationRegistry>();
        services.TryAddSingleton<IIntegrationCatalog, IntegrationCatalog>();
        services.TryAddSingleton<SecretProtector>();
        services.TryAddSingleton<EffectiveIntegrationCache>();
        services.TryAddSingleton<IIntegrationChangeObserver>(sp => sp.GetRequiredService<EffectiveIntegrationCache>());
        services.TryAddSingleton<IScopeHierarchy, NoGroupsScopeHierarchy>();
        services.TryAddSingleton<IntegrationRecordMapper>();
        services.TryAddSingleton<IntegrationRulesValidator>();
        services.TryAddScoped<IIntegrationValidator, IntegrationValidator>();
        services.TryAddScoped<IntegrationStore>();
        services.TryAddScoped<IIntegrationStore>(sp => sp.GetRequiredService<IntegrationStore>());
        services.TryAddScoped<IIntegrationResolver, IntegrationResolver>();
        services.AddMetrics();
        services.TryAddSingleton<IntegrationsTelemetry>();
        services.TryAddSingleton<DeliverySignal>();
        services.TryAddSingleton<WorkerInbox>();
        services.TryAddSingleton<IntegrationStateFactory>();
        services.TryAddSingleton<IDeliveryStorage, EfCoreDeliveryStorage>();
        services.TryAddSingleton<DatabaseWriteGate>();
        services.TryAddSingleton<WorkerHeartbeat>();
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<IntegrationHealthCache>();
        services.TryAddSingleton<IntegrationHealthService>();
        services.TryAddSingleton<OutcomeWriter>();
        services.TryAddSingleton<DeliveryProcessor>();
        services.TryAddScoped<IIntegrationDispatcher, IntegrationDispatcher>();
        services.TryAddScoped<IDeliveryLog, StoredDeliveryLog>();
        services.TryAddScoped<Forms.IntegrationOverview>();
        services.TryAddScoped<IIntegrationTester, IntegrationTester>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageChoiceNotice>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeliveryWorker>());
        services.TryAddSingleton<IHostNameResolver, DnsHostNameResolver>();
        services.TryAddSingleton<OutboundAddressPolicy>();
        services.TryAddSingleton<IOutboundUrlCheck>(sp => sp.GetRequiredService<OutboundAddressPolicy>());
        services.TryAddSingleton<GuardedConnector>();
        if (!services.Any(d => d.ServiceType == typeof(IntegrationsHttpMarker)))
        {
            services.AddSingleton<IntegrationsHttpMarker>();
            AddGuardedClient(services, IntegrationsHttp.ClientName, verifyCertificates: true);
            AddGuardedClient(services, IntegrationsHttp.UnverifiedTlsClientName, verifyCertificates: false);
        }

        services.TryAddScoped<IIntegrationsDbContextProvider>(_ => throw new InvalidOperationException(
            "No database is configured for integrations: call services.AddIntegrations().UseDbContext<YourDbContext>() (with modelBuilder.AddIntegrations() in its OnModelCreating) or .UseIntegrationsDbContext(o => o.UseSqlite(...))."));
        return new IntegrationsBuilder(services);
    }

    private static void AddGuardedClient(IServiceCollection services, string name, bool verifyCertificates) =>
        services.AddHttpClient(name, (sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptionsMonitor<IntegrationsOptions>>().CurrentValue.Network.EffectiveUserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<GuardedConnector>().ConnectAsync,
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                SslOptions = verifyCertificates
                    ? new System.Net.Security.SslClientAuthenticationOptions()
                    : new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
            })
            // Every delivery is already logged (event ids 2001-2016), traced and measured by the library; the
            // factory's own per-request logging handlers would only add cost on the delivery hot path.
            .RemoveAllLoggers();

    /// <summary>Marks that the integrations HTTP client is registered, so a second AddIntegrations() does not add it twice.</summary>
    private sealed class IntegrationsHttpMarker;
}
