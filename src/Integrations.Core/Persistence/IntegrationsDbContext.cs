using Integrations.Storage;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Persistence;

/// <summary>
/// A ready <see cref="DbContext"/> holding only the integrations tables, for hosts that do not want them in their own
/// context. Register it with <c>services.AddIntegrations().UseIntegrationsDbContext(o =&gt; o.UseSqlite(…))</c>.
/// </summary>
public class IntegrationsDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The context options (provider and connection).</param>
    public IntegrationsDbContext(DbContextOptions<IntegrationsDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the context from a derived type's options.</summary>
    /// <param name="options">The context options.</param>
    protected IntegrationsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The integrations table.</summary>
    internal DbSet<IntegrationRecord> Integrations => Set<IntegrationRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.AddIntegrations();
    }
}
