using System.Diagnostics;
using Integrations.Dispatch;
using Integrations.Storage;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// <c>DispatchAsync</c> for a project with 10 integrations over instance → group → project, warm cache, many concurrent
/// callers: amortised cost per call, p99 latency, allocations per call. The baseline is the same rows written by
/// concurrent callers that each insert their rows in their own <c>SaveChanges</c> (no resolution, no group commit).
/// </summary>
internal static class DispatchBenchmark
{
    public const int Callers = 32;

    public static async Task<(double AmortisedMicros, double P99Millis, double BytesPerCall, double BaselineMicros)> RunAsync(DatabaseKind kind, int calls, bool measureBaseline = true)
    {
        await using var host = await BenchHost.StartAsync(kind, runWorker: false);
        var warm = await TenIntegrationsAsync(host);

        var events = Enumerable.Range(1, calls).Select(BenchHost.Push).ToArray();
        var latencies = new double[calls];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (i, ct) =>
        {
            var started = Stopwatch.GetTimestamp();
            await host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync("p", events[i]));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        });
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"  CPU per call: {cpu.TotalMicroseconds / calls:0} µs over {Environment.ProcessorCount} cores ({cpu.TotalMicroseconds / watch.Elapsed.TotalMicroseconds * 100 / Environment.ProcessorCount:0} % busy)");
        Array.Sort(latencies);
        var amortised = watch.Elapsed.TotalMicroseconds / calls;
        double Percentile(double q) => latencies[(int)Math.Min(calls - 1, Math.Ceiling(calls * q) - 1)];
        Console.WriteLine($"  latency: p50 {Percentile(0.5):0.00} ms, p90 {Percentile(0.9):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {latencies[^1]:0.00} ms");
        var p99 = Percentile(0.99);

        var baseline = measureBaseline ? await BaselineAsync(host, events, warm) : double.NaN;
        return (amortised, p99, allocated / (double)calls, baseline);
    }

    /// <summary>
    /// An open-loop load: calls start on a fixed schedule at <paramref name="callsPerSecond"/> whether or not earlier ones
    /// have finished, as requests reach a host's handlers, and each call's latency counts from when it was due (so a
    /// stall shows in every call it delays, not only in the one that met it). Returns the p50 and p99 in ms.
    /// </summary>
    public static async Task<(double P50Millis, double P99Millis)> OpenLoopAsync(DatabaseKind kind, double callsPerSecond, int calls)
    {
        await using var host = await BenchHost.StartAsync(kind, runWorker: false);
        await TenIntegrationsAsync(host);
        var events = Enumerable.Range(1, calls).Select(BenchHost.Push).ToArray();
        var latencies = new double[calls];
        var running = new Task[calls];
        var interval = Stopwatch.Frequency / callsPerSecond;
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < calls)
        {
            // Start every call that is due; then sleep until the next one (timer resolution is about 1 ms, so calls
            // start in small bursts, each timed from its own due time).
            var now = Stopwatch.GetTimestamp();
            while (next < calls && start + (long)(next * interval) <= now)
            {
                var i = next++;
                var due = start + (long)(i * interval);
                running[i] = Task.Run(async () =>
                {
                    await host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync("p", events[i]));
                    latencies[i] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                });
            }

            if (next < calls)
            {
                var wait = Stopwatch.GetElapsedTime(now, start + (long)(next * interval));
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        }

        await Task.WhenAll(running);
        var achieved = calls / Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        double Percentile(double q) => latencies[(int)Math.Min(calls - 1, Math.Ceiling(calls * q) - 1)];
        Console.WriteLine($"  open loop at {callsPerSecond:0} calls/s (achieved {achieved:0}): p50 {Percentile(0.5):0.00} ms, p90 {Percentile(0.9):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {latencies[^1]:0.00} ms");
        return (Percentile(0.5), Percentile(0.99));
    }

    /// <summary>3 webhooks at the instance, 3 at group "g", 4 at project "p"; one dispatch to warm the cache.</summary>
    private static async Task<IReadOnlyList<EnqueuedDelivery>> TenIntegrationsAsync(BenchHost host)
    {
        var url = new Uri("http://127.0.0.1:9/hook");
        for (var i = 0; i < 3; i++)
        {
            await host.SaveHookAsync(IntegrationScope.Instance, url);
            await host.SaveHookAsync(IntegrationScope.Group("g"), url);
        }

        for (var i = 0; i < 4; i++)
        {
            await host.SaveHookAsync(IntegrationScope.Project("p"), url);
        }

        var warm = await host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync("p", BenchHost.Push(0)));
        return warm.Count == 10 ? warm : throw new InvalidOperationException($"Expected 10 deliveries per event, got {warm.Count}.");
    }

    /// <summary>The same rows per call (the payload and 10 deliveries), written by each caller in its own <c>SaveChanges</c>.</summary>
    private static async Task<double> BaselineAsync(BenchHost host, Integrations.Events.Payloads.PushEvent[] events, IReadOnlyList<EnqueuedDelivery> targets)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, events.Length), new ParallelOptions { MaxDegreeOfParallelism = Callers }, async (i, ct) =>
        {
            await host.ScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<Persistence.IntegrationsDbContext>();
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var payload = new DeliveryPayloadRecord { Id = Guid.CreateVersion7(), CreatedAt = now, Body = System.Text.Encoding.UTF8.GetString(events[i].ToJsonUtf8()) };
                db.Set<DeliveryPayloadRecord>().Add(payload);
                db.Set<DeliveryRecord>().AddRange(targets.Select(t => new DeliveryRecord
                {
                    Id = Guid.CreateVersion7(), EventId = events[i].Id, IntegrationId = t.IntegrationId, IntegrationType = t.IntegrationType,
                    ProjectId = "p", EventKind = "push", PayloadId = payload.Id, NextAttemptAt = now, CreatedAt = now,
                }));
                return await db.SaveChangesAsync();
            });
        });
        watch.Stop();
        return watch.Elapsed.TotalMicroseconds / events.Length;
    }
}
