using Integrations.HealthChecks;
using Integrations.Storage;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Integrations;

/// <summary>Health checks for the delivery worker and the outbox.</summary>
public static class IntegrationsHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds <c>integrations-worker</c> (unhealthy when this process's worker stopped making claim passes) and
    /// <c>integrations-outbox</c> (degraded when the oldest due delivery waited longer than
    /// <paramref name="outboxDegradedAfter"/>; unhealthy when the outbox cannot be read), both tagged <c>integrations</c>.
    /// </summary>
    /// <param name="builder">The host's health checks (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="outboxDegradedAfter">How long a due delivery may wait before the outbox is degraded; 5 minutes by default.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddIntegrations(this IHealthChecksBuilder builder, TimeSpan? outboxDegradedAfter = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limit = outboxDegradedAfter ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(outboxDegradedAfter));
        string[] tags = ["integrations"];
        builder.Add(new HealthCheckRegistration("integrations-worker",
            sp => new DeliveryWorkerHealthCheck(sp.GetRequiredService<WorkerHeartbeat>(), sp.GetRequiredService<IOptionsMonitor<IntegrationsOptions>>(), sp.GetRequiredService<TimeProvider>()),
            HealthStatus.Unhealthy, tags));
        builder.Add(new HealthCheckRegistration("integrations-outbox",
            sp => new OutboxHealthCheck(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IDeliveryStorage>(), sp.GetRequiredService<TimeProvider>(), limit),
            HealthStatus.Unhealthy, tags));
        return builder;
    }
}
