using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integrations.HealthChecks;

/// <summary>
/// Degraded when the oldest due delivery has waited longer than a limit (deliveries are not keeping up, or no worker runs
/// anywhere); unhealthy when the outbox cannot be read. Reports the number of pending deliveries either way.
/// </summary>
internal sealed class OutboxHealthCheck(IServiceScopeFactory scopes, IDeliveryStorage storage, TimeProvider time, TimeSpan degradedAfter) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                var (pending, oldestDueAt) = await storage.MeasureAsync(db, now, cancellationToken).ConfigureAwait(false);
                var waited = oldestDueAt is { } due ? TimeSpan.FromMilliseconds(now - due) : TimeSpan.Zero;
                var data = new Dictionary<string, object> { ["pending"] = pending, ["oldest_due_age_seconds"] = waited.TotalSeconds };
                return waited > degradedAfter
                    ? HealthCheckResult.Degraded($"The oldest due delivery has waited {waited.TotalSeconds:0} s (limit {degradedAfter.TotalSeconds:0} s); {pending} pending.", data: data)
                    : HealthCheckResult.Healthy($"{pending} deliveries pending.", data);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The integrations outbox cannot be read.", ex);
        }
    }
}
