using Integrations.PostgreSql;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>Chooses the PostgreSQL delivery storage.</summary>
public static class PostgreSqlIntegrationsBuilderExtensions
{
    /// <summary>
    /// Stores deliveries with PostgreSQL's fast path: <c>unnest</c> bulk writes, overlapping commits and
    /// <c>FOR UPDATE SKIP LOCKED</c> claims, so any number of host instances share one database and the delivery work.
    /// Use it when the integrations context is on Npgsql; without it the portable EF Core storage is used.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UsePostgreSql(this IIntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IDeliveryStorage, PostgreSqlDeliveryStorage>());
        return builder;
    }
}
