using Integrations.Storage;
using Microsoft.EntityFrameworkCore;

namespace Integrations;

/// <summary>Adds the integrations tables to a host's own EF Core model.</summary>
public static class IntegrationsModelBuilderExtensions
{
    /// <summary>
    /// Adds the integrations tables to the model: <c>integrations</c>, and the delivery outbox, attempt log, health and
    /// state tables. Call it from the host's <c>OnModelCreating</c>, then create the
    /// table with the host's migrations (or <c>EnsureCreated</c>), and register the context with
    /// <c>services.AddIntegrations().UseDbContext&lt;TContext&gt;()</c>.
    /// </summary>
    /// <param name="modelBuilder">The host's model builder.</param>
    /// <param name="configure">Optional table and schema names.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddIntegrations(this ModelBuilder modelBuilder, Action<IntegrationsModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        var options = new IntegrationsModelOptions();
        configure?.Invoke(options);
        modelBuilder.ApplyConfiguration(new IntegrationRecordConfiguration(options));
        modelBuilder.ApplyConfiguration(new DeliveryRecordConfiguration(options));
        modelBuilder.ApplyConfiguration(new DeliveryPayloadRecordConfiguration(options));
        modelBuilder.ApplyConfiguration(new DeliveryAttemptRecordConfiguration(options));
        modelBuilder.ApplyConfiguration(new IntegrationHealthRecordConfiguration(options));
        modelBuilder.ApplyConfiguration(new IntegrationStateRecordConfiguration(options));
        return modelBuilder;
    }
}
