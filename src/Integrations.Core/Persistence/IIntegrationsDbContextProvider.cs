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
        Storage.IntegrationsTables.Of<Storage.IntegrationRecord>(context);
        Context = context;
    }

    public DbContext Context { get; }
}
