using FluentValidation;
using Integrations.Inheritance;
using Integrations.Persistence;
using Integrations.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>Registration of integration types, the database and the scope hierarchy.</summary>
public static class IntegrationsBuilderExtensions
{
    /// <summary>Registers an integration type: one line per type, no migration. Registering the same class twice is harmless.</summary>
    /// <typeparam name="TIntegration">The integration class.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings (availability predicate, levels, legacy names).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder Add<TIntegration>(this IIntegrationsBuilder builder, Action<IntegrationTypeOptions>? configure = null)
        where TIntegration : Integration, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<IntegrationRegistryOptions>(o => o.Add(typeof(TIntegration), static () => new TIntegration(), configure));
        return builder;
    }

    /// <summary>Registers an integration type with its own FluentValidation validator, run after the field rules.</summary>
    /// <typeparam name="TIntegration">The integration class.</typeparam>
    /// <typeparam name="TValidator">The validator (resolved per scope, so it may use scoped services).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Optional per-type settings.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder Add<TIntegration, TValidator>(this IIntegrationsBuilder builder, Action<IntegrationTypeOptions>? configure = null)
        where TIntegration : Integration, new()
        where TValidator : class, IValidator<TIntegration>
    {
        builder.Add<TIntegration>(configure);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IValidator<TIntegration>, TValidator>());
        return builder;
    }

    /// <summary>
    /// Stores integrations in the host's own context, whose <c>OnModelCreating</c> calls <c>modelBuilder.AddIntegrations()</c>.
    /// The context must be registered with <c>AddDbContext</c>, <c>AddDbContextPool</c> or a context factory: this adds an EF
    /// Core interceptor to it that wakes the delivery worker when deliveries enqueued in the host's transaction commit.
    /// </summary>
    /// <typeparam name="TContext">The host's context, registered in the container (e.g. by <c>AddDbContext</c>).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UseDbContext<TContext>(this IIntegrationsBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Scoped<IIntegrationsDbContextProvider, IntegrationsDbContextProvider<TContext>>());

        // Deliveries enqueued in the host's own transaction wake this process's worker when that transaction commits.
        builder.Services.TryAddSingleton<Dispatch.OutboxCommitWake>();
        builder.Services.ConfigureDbContext<TContext>((services, options) => options.AddInterceptors(services.GetRequiredService<Dispatch.OutboxCommitWake>()),
            ServiceLifetime.Singleton);
        return builder;
    }

    /// <summary>
    /// Keeps deliveries in the portable EF Core storage, which works on any EF Core provider (SQL Server, MySQL, …) one row
    /// at a time, and says so on purpose: without a storage choice the host is warned at startup (event 1006). On SQLite
    /// and PostgreSQL use the faster <c>.UseSqlite()</c> (Integrations.Sqlite) or <c>.UsePostgreSql()</c>
    /// (Integrations.PostgreSql) instead.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UsePortableStorage(this IIntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<Storage.IDeliveryStorage, Storage.EfCoreDeliveryStorage>());
        builder.Services.TryAddSingleton<Storage.PortableStorageChoice>();
        return builder;
    }

    /// <summary>Stores integrations in the library's own <see cref="IntegrationsDbContext"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Chooses the provider and connection, e.g. <c>o =&gt; o.UseSqlite("Data Source=integrations.db")</c>.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UseIntegrationsDbContext(this IIntegrationsBuilder builder, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        // Pooled: creating a context per scope (every dispatch commit, claim and outcome batch) costs more than the
        // statements it runs on the delivery hot path.
        builder.Services.AddDbContextPool<IntegrationsDbContext>(configure);
        return builder.UseDbContext<IntegrationsDbContext>();
    }

    /// <summary>Supplies the host's group hierarchy for inheritance.</summary>
    /// <typeparam name="THierarchy">The host's implementation (a singleton; resolve scoped services inside it if needed).</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UseScopeHierarchy<THierarchy>(this IIntegrationsBuilder builder)
        where THierarchy : class, IScopeHierarchy
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IScopeHierarchy, THierarchy>());
        return builder;
    }

    /// <summary>Supplies the host's group hierarchy for inheritance as a ready instance.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="hierarchy">The hierarchy (used as a singleton).</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UseScopeHierarchy(this IIntegrationsBuilder builder, IScopeHierarchy hierarchy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hierarchy);
        builder.Services.Replace(ServiceDescriptor.Singleton(hierarchy));
        return builder;
    }
}
