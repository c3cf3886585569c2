using System.Diagnostics;
using Integrations.Dispatch;
using Integrations.Persistence;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// One event at a time, from the call to the receiver: <c>DispatchAsync</c> (which commits itself and wakes the worker)
/// against <c>EnqueueAsync</c> inside the host's own transaction (which wakes the worker when that transaction commits).
/// Before each event the worker has gone idle, asleep until its next poll at the default interval (1 s), so a path that
/// did not wake it would wait for the poll.
/// </summary>
internal static class EnqueueLatencyBenchmark
{
    public static async Task<(double DispatchP50, double DispatchP99, double EnqueueP50, double EnqueueP99)> RunAsync(DatabaseKind kind, ReceiverProcess receiver, int events)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = await BenchHost.StartAsync(database, runWorker: true, EndToEndBenchmark.Concurrency, ownsDatabase: false, pollInterval: TimeSpan.FromSeconds(1));
        await host.SaveHookAsync(IntegrationScope.Project("p"), receiver.Hook);
        await host.StartWorkerAsync();
        await receiver.ResetAsync();
        var received = 0;
        var dispatch = new List<double>();
        var enqueue = new List<double>();
        for (var i = 0; i < events; i++)
        {
            // Interleaved, so both paths see the same warm-up and the same machine.
            dispatch.Add(await TimeAsync(() => host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync("p", BenchHost.Push(i)))));
            enqueue.Add(await TimeAsync(() => host.ScopeAsync(async sp =>
            {
                var context = sp.GetRequiredService<IntegrationsDbContext>();
                await using var transaction = await context.Database.BeginTransactionAsync();
                var enqueued = await sp.GetRequiredService<IIntegrationDispatcher>().EnqueueAsync(context, "p", BenchHost.Push(i));
                await context.SaveChangesAsync();
                await transaction.CommitAsync();
                return enqueued;
            })));
        }

        return (Percentile(dispatch, 0.5), Percentile(dispatch, 0.99), Percentile(enqueue, 0.5), Percentile(enqueue, 0.99));

        async Task<double> TimeAsync(Func<Task<IReadOnlyList<EnqueuedDelivery>>> send)
        {
            // Each event finds the worker idle, asleep until its next poll: only a wake gets it out sooner.
            await host.Services.GetRequiredService<Worker.DeliverySignal>().WaitForIdleAsync(TimeProvider.System.GetUtcNow(), CancellationToken.None);
            var watch = Stopwatch.StartNew();
            await send();
            await receiver.WaitForAsync(++received, TimeSpan.FromSeconds(30));
            return watch.Elapsed.TotalMilliseconds;
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
