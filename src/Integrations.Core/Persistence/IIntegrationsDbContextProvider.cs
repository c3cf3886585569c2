using Microsoft.EntityFrameworkCore;

namespace Integrations.Persistence;

/// <summary>Gives the framework the scoped <see cref="DbContext"/> whose model includes the integrations tables.</summary>
internal interface IIntegrationsDbContextProvider
{
    DbContext Context { get; }
}

/// <summary>Resolves <typeparamref name="TContext"/> from the current scope, and says plainly when its model lacks the tables.</summary>
internal sealed class IntegrationsDbContextProvider<TContext> : IIntegrationsDbContextProvider
    where TContext : DbContext
{
    public IntegrationsDbContextProvider(TContext context)
    {
        if (context.Model.FindEntityType(typeof(Storage.IntegrationRecord)) is null)
        {
            throw new InvalidOperationException(
                $"The DbContext '{typeof(TContext).FullName}' does not include the integrations tables. Call modelBuilder.AddIntegrations() in its " +
                "OnModelCreating (then add a migration), or let the library use a context of its own with UseIntegrationsDbContext(…).");
        }

        Context = context;
    }

    public DbContext Context { get; }
}
