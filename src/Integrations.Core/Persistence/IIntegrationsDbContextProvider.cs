using Microsoft.EntityFrameworkCore;

namespace Integrations.Persistence;

/// <summary>Gives the framework the scoped <see cref="DbContext"/> whose model includes the integrations tables.</summary>
internal interface IIntegrationsDbContextProvider
{
    DbContext Context { get; }
}

/// <summary>Resolves <typeparamref name="TContext"/> from the current scope.</summary>
internal sealed class IntegrationsDbContextProvider<TContext>(TContext context) : IIntegrationsDbContextProvider
    where TContext : DbContext
{
    public DbContext Context { get; } = context;
}
