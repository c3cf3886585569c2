using System.Diagnostics;
using Integrations.Dispatch;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// Events through dispatch → outbox → worker → HTTP to a Kestrel receiver on 127.0.0.1 in its own process, against raw
/// <see cref="HttpClient"/> posting the same bodies to the same receiver at the same concurrency.
/// </summary>
internal static class EndToEndBenchmark
{
    public const int Concurrency = 16;

    public static async Task<ContenderRun> RawHttpClientAsync(ReceiverProcess receiver, int events)
    {
        await receiver.ResetAsync();
        var bodies = Enumerable.Range(0, events).Select(i => BenchHost.Push(i).ToJsonUtf8()).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
        await PostAsync(client, receiver.Hook, bodies[0]);
        var meter = CostMeter.Start(receiver.ProcessId);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bodies.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (body, ct) => await PostAsync(client, receiver.Hook, body));
        await receiver.WaitForAsync(events, TimeSpan.FromMinutes(5));
        watch.Stop();
        return new ContenderRun((events - 1) / watch.Elapsed.TotalSeconds, meter.Stop(events - 1));
    }

    public static async Task<ContenderRun> PipelineAsync(DatabaseKind kind, ReceiverProcess receiver, int events)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        return await PipelineAsync(database, receiver, events);
    }

    /// <summary>Our pipeline on a database the caller owns (so it can read the database's statistics afterwards).</summary>
    public static async Task<ContenderRun> PipelineAsync(TestDatabase database, ReceiverProcess receiver, int events)
    {
        await receiver.ResetAsync();
        await using var host = await BenchHost.StartAsync(database, runWorker: true, Concurrency, ownsDatabase: false);
        await host.SaveHookAsync(IntegrationScope.Project("p"), receiver.Hook);
        await host.StartWorkerAsync();
        await Dispatch(host, 0);
        await receiver.WaitForAsync(1, TimeSpan.FromSeconds(60));

        var meter = CostMeter.Start(receiver.ProcessId);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, events - 1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) => await Dispatch(host, i));
        var (_, unique, connections) = await receiver.WaitForAsync(events, TimeSpan.FromMinutes(30));
        Console.WriteLine($"  {connections} connections to the receiver");
        watch.Stop();
        var cost = meter.Stop(events - 1);
        if (unique != events)
        {
            throw new InvalidOperationException($"Expected {events} distinct deliveries, the receiver saw {unique}.");
        }

        return new ContenderRun((events - 1) / watch.Elapsed.TotalSeconds, cost);
    }

    /// <summary>Dispatch everything first, then let the worker drain the outbox: the two halves timed apart.</summary>
    public static async Task<(double DispatchPerSecond, double DeliverPerSecond)> PhasesAsync(DatabaseKind kind, ReceiverProcess receiver, int events)
    {
        await receiver.ResetAsync();
        await using var host = await BenchHost.StartAsync(kind, runWorker: true, Concurrency);
        await host.SaveHookAsync(IntegrationScope.Project("p"), receiver.Hook);
        await Dispatch(host, 0);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var dispatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, events - 1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) => await Dispatch(host, i));
        dispatch.Stop();
        var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated1 = GC.GetTotalAllocatedBytes(precise: true);
        var gcs1 = GC.CollectionCount(0);
        var deliver = Stopwatch.StartNew();
        await host.StartWorkerAsync();
        await receiver.WaitForAsync(events, TimeSpan.FromMinutes(30));
        deliver.Stop();
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"  delivery: {(GC.GetTotalAllocatedBytes(precise: true) - allocated1) / events / 1024.0:0.0} KiB allocated per event, {GC.CollectionCount(0) - gcs1} gen0 GCs, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms GC pause since the process started");
        Console.WriteLine($"  CPU per event: dispatch {(cpu1 - cpu0).TotalMicroseconds / events:0} µs, delivery {(cpu2 - cpu1).TotalMicroseconds / events:0} µs (this process; the receiver runs in its own)");
        return ((events - 1) / dispatch.Elapsed.TotalSeconds, events / deliver.Elapsed.TotalSeconds);
    }

    private static async Task PostAsync(HttpClient client, Uri url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(url, content);
        response.EnsureSuccessStatusCode();
    }

    private static Task<IReadOnlyList<EnqueuedDelivery>> Dispatch(BenchHost host, int i) =>
        host.ScopeAsync(sp => sp.GetRequiredService<IIntegrationDispatcher>().DispatchAsync("p", BenchHost.Push(i)));
}
