using System.Diagnostics;
using Integrations.Dispatch;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// Events through dispatch → outbox → worker → HTTP to a Kestrel receiver on 127.0.0.1, against raw
/// <see cref="HttpClient"/> posting the same bodies to the same receiver at the same concurrency.
/// </summary>
internal static class EndToEndBenchmark
{
    public const int Concurrency = 16;

    public static async Task<double> RawHttpClientAsync(int events)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var bodies = Enumerable.Range(0, events).Select(i => BenchHost.Push(i).ToJsonUtf8()).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
        var url = receiver.Url("hook");
        await PostAsync(client, url, bodies[0]);
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(bodies.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (body, ct) => await PostAsync(client, url, body));
        watch.Stop();
        Console.WriteLine($"  CPU per raw request: {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMicroseconds / events:0} µs (receiver included)");
        return (events - 1) / watch.Elapsed.TotalSeconds;
    }

    public static async Task<double> PipelineAsync(DatabaseKind kind, int events)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var host = await BenchHost.StartAsync(kind, runWorker: true, Concurrency);
        await host.SaveHookAsync(IntegrationScope.Project("p"), receiver.Url("hook"));
        await host.StartWorkerAsync();
        await Dispatch(host, 0);
        await receiver.WaitForRequestsAsync(1, TimeSpan.FromSeconds(60));

        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(1, events - 1), new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, ct) => await Dispatch(host, i));
        await receiver.WaitForRequestsAsync(events, TimeSpan.FromMinutes(30));
        watch.Stop();
        var unique = receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count();
        if (unique != events)
        {
            throw new InvalidOperationException($"Expected {events} distinct deliveries, the receiver saw {unique}.");
        }

        return (events - 1) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Dispatch everything first, then let the worker drain the outbox: the two halves timed apart.</summary>
    public static async Task<(double DispatchPerSecond, double DeliverPerSecond)> PhasesAsync(DatabaseKind kind, int events)
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var host = await BenchHost.StartAsync(kind, runWorker: true, Concurrency);
        await host.SaveHookAsync(IntegrationScope.Project("p"), receiver.Url("hook"));
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
        await receiver.WaitForRequestsAsync(events, TimeSpan.FromMinutes(30));
        deliver.Stop();
        var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine($"  delivery: {(GC.GetTotalAllocatedBytes(precise: true) - allocated1) / events / 1024.0:0.0} KiB allocated per event, {GC.CollectionCount(0) - gcs1} gen0 GCs, {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms GC pause since the process started");
        Console.WriteLine($"  CPU per event: dispatch {(cpu1 - cpu0).TotalMicroseconds / events:0} µs, delivery {(cpu2 - cpu1).TotalMicroseconds / events:0} µs (this process, receiver included)");
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
