using Integrations.DeliveryLog;
using Integrations.Worker;
using NUnit.Framework;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.TestSupport;

/// <summary>Waits on what the delivery log and the worker report, instead of sleeping.</summary>
public static class DeliveryWaits
{
    /// <summary>Waits (in real time, polling the log) until the delivery satisfies the condition.</summary>
    public static async Task<DeliverySummary> WaitForDeliveryAsync(this IntegrationsTestHost host, Guid id, Func<DeliverySummary, bool> condition, string because, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var delivery = await host.ScopeAsync(sp => sp.GetRequiredService<IDeliveryLog>().GetAsync(id));
            if (delivery is not null && condition(delivery))
            {
                return delivery;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {because}; the delivery is {delivery}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the delivery has the status (and, when given, that many attempts).</summary>
    public static Task<DeliverySummary> WaitForStatusAsync(this IntegrationsTestHost host, Guid id, DeliveryStatus status, int? attempts = null) =>
        host.WaitForDeliveryAsync(id, d => d.Status == status && (attempts is null || d.Attempts == attempts),
            $"it is {status}" + (attempts is null ? string.Empty : $" after {attempts} attempt(s)"));

    /// <summary>Moves the host's test clock on and wakes the worker.</summary>
    public static void AdvanceClock(this IntegrationsTestHost host, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Time.Advance(by);
        host.Services.GetRequiredService<DeliverySignal>().Notify();
    }

    /// <summary>Waits until the worker made a claim pass at or after the clock's time and found nothing due.</summary>
    public static async Task WorkerIdleAsync(this IntegrationsTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await host.Services.GetRequiredService<DeliverySignal>().WaitForIdleAsync(host.Time.GetUtcNow(), timeout.Token);
    }
}
