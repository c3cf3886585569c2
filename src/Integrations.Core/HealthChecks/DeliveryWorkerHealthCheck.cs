using Integrations.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Integrations.HealthChecks;

/// <summary>
/// Healthy while this process's delivery worker keeps making claim passes. A pass happens at least every poll interval
/// when idle; a busy worker may go as long as its longest call between passes, so the limit is the poll interval plus
/// the longest call timeout plus 30 s. A process that does not run the worker (<c>Delivery.RunWorker = false</c>) is
/// healthy by this check.
/// </summary>
internal sealed class DeliveryWorkerHealthCheck(WorkerHeartbeat heartbeat, IOptionsMonitor<IntegrationsOptions> options, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var current = options.CurrentValue;
        if (!current.Delivery.RunWorker)
        {
            return Task.FromResult(HealthCheckResult.Healthy("The delivery worker does not run in this process (Delivery.RunWorker is false)."));
        }

        if (heartbeat.LastPass is not { } last)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The delivery worker has not made a claim pass yet: it has not started, or cannot reach the database."));
        }

        var limit = current.Delivery.PollInterval + current.Network.MaxTimeout + TimeSpan.FromSeconds(30);
        var age = time.GetUtcNow() - last;
        var data = new Dictionary<string, object> { ["last_pass"] = last, ["seconds_since_last_pass"] = age.TotalSeconds };
        return Task.FromResult(age > limit
            ? HealthCheckResult.Unhealthy($"The delivery worker's last claim pass was {age.TotalSeconds:0} s ago (limit {limit.TotalSeconds:0} s): it is stuck.", data: data)
            : HealthCheckResult.Healthy("The delivery worker is running.", data));
    }
}
