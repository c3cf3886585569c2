using Integrations.Sqlite;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations;

/// <summary>Chooses the SQLite delivery storage.</summary>
public static class SqliteIntegrationsBuilderExtensions
{
    /// <summary>
    /// Stores deliveries with SQLite's fast path: native statements bound by position, one writer at a time. Use it when
    /// the integrations context (<c>UseDbContext</c> or <c>UseIntegrationsDbContext</c>) is on SQLite; without it the
    /// portable EF Core storage is used, which works on any provider but writes a row at a time through EF.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder UseSqlite(this IIntegrationsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IDeliveryStorage, SqliteDeliveryStorage>());
        return builder;
    }
}
