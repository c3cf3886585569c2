using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Integrations.Storage;

/// <summary>Finds the integrations tables in a context's model, with one clear error when they are missing.</summary>
internal static class IntegrationsTables
{
    /// <summary>The mapped entity of <typeparamref name="TRecord"/>; throws, naming the fix, when the model lacks it.</summary>
    public static IEntityType Of<TRecord>(DbContext context) =>
        context.Model.FindEntityType(typeof(TRecord)) ?? throw Missing(context.GetType());

    /// <summary>The error for a context whose model does not include the integrations tables.</summary>
    public static InvalidOperationException Missing(Type contextType) => new(
        $"The DbContext '{contextType.FullName}' does not include the integrations tables. Call modelBuilder.AddIntegrations() in its " +
        "OnModelCreating (then add a migration), or let the library use a context of its own with UseIntegrationsDbContext(…).");
}
