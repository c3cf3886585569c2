using System.Collections.Concurrent;
using System.Threading.Channels;
using Integrations.Diagnostics;
using Integrations.Persistence;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Worker;

/// <summary>
/// The hosted delivery worker. A producer claims due deliveries in batches into a local buffer, and a consumer starts up
/// to <see cref="DeliveryOptions.MaxConcurrency"/> calls from it (no batch barrier, and no claim round trip per delivery;
/// a call's slot is freed when its HTTP exchange ends, before its outcome is committed). It sleeps when
/// there is no due work until its poll interval passes or this process dispatches something, applies retention, and
/// refreshes the outbox gauges. On shutdown, in-flight deliveries and buffered ones give their claims back.
/// </summary>
internal sealed class DeliveryWorker : BackgroundService
{
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan GaugeInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ClaimLinger = TimeSpan.FromMilliseconds(2);
    private readonly IServiceScopeFactory _scopes;
    private readonly DeliveryProcessor _processor;
    private readonly DeliverySignal _signal;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly ILogger<DeliveryWorker> _logger;
    private readonly DatabaseWriteGate _gate;
    private readonly IDeliveryStorage _storage;
    private readonly WorkerHeartbeat _heartbeat;
    private readonly WorkerInbox _inbox;

    public DeliveryWorker(
        IServiceScopeFactory scopes,
        DeliveryProcessor processor,
        DeliverySignal signal,
        IOptionsMonitor<IntegrationsOptions> options,
        TimeProvider time,
        IntegrationsTelemetry telemetry,
        ILogger<DeliveryWorker> logger,
        DatabaseWriteGate gate,
        IDeliveryStorage storage,
        WorkerHeartbeat heartbeat,
        WorkerInbox inbox)
    {
        _inbox = inbox;
        _heartbeat = heartbeat;
        _gate = gate;
        _storage = storage;
        _scopes = scopes;
        _processor = processor;
        _signal = signal;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    public string WorkerId => _inbox.WorkerId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = _options.CurrentValue.Delivery;
        if (!options.RunWorker)
        {
            return;
        }

        Log.WorkerStarted(_logger, WorkerId, options.MaxConcurrency, options.BatchSize);

        // A producer claims due deliveries in batches into a local buffer; a consumer starts up to MaxConcurrency calls
        // from it. A call's slot is freed as soon as its HTTP exchange is over, while its outcome waits for the next
        // group commit, so commits never hold up sending. "room" bounds everything claimed and not yet recorded: the
        // calls, the outcomes being committed and one batch ahead in the buffer, so claims stay large.
        // The buffer and the room live in the inbox, which this process's dispatches also hand deliveries to.
        var capacity = options.MaxConcurrency + (3 * options.BatchSize);
        var (reader, room) = _inbox.Open(capacity);
        using var calls = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        var running = new ConcurrentDictionary<Task, bool>();
        var consumer = Task.Run(() => ConsumeAsync(reader, calls, room, capacity, running, stoppingToken), CancellationToken.None);
        var nextMaintenance = 0L;
        var nextGauges = 0L;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await room.WaitAsync(stoppingToken).ConfigureAwait(false);
                    var free = 1;
                    while (free < options.BatchSize && room.Wait(0))
                    {
                        free++;
                    }

                    // With work still buffered, wait briefly for a fuller batch rather than claiming a few at a time.
                    while (free < Math.Max(1, options.BatchSize / 2) && reader.Count > 0
                           && await room.WaitAsync(TimeSpan.FromMilliseconds(2), stoppingToken).ConfigureAwait(false))
                    {
                        free++;
                    }

                    List<ClaimedDelivery> claimed;
                    string token;
                    DateTimeOffset passTime;
                    try
                    {
                        passTime = _time.GetUtcNow();
                        _heartbeat.Beat(passTime);
                        (token, claimed) = await ClaimAsync(free, passTime, stoppingToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                    {
                        room.Release(free);
                        Log.ClaimFailed(_logger, ex, WorkerId);
                        await _signal.WaitAsync(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    if (claimed.Count < free)
                    {
                        room.Release(free - claimed.Count);
                    }

                    foreach (var delivery in claimed)
                    {
                        _inbox.Add(delivery, token);
                    }

                    var now = _time.GetTimestamp();
                    if (now >= nextGauges)
                    {
                        nextGauges = now + (long)(GaugeInterval.TotalSeconds * _time.TimestampFrequency);
                        await RefreshGaugesAsync(stoppingToken).ConfigureAwait(false);
                    }

                    if (now >= nextMaintenance)
                    {
                        nextMaintenance = now + (long)(MaintenanceInterval.TotalSeconds * _time.TimestampFrequency);
                        await ApplyRetentionAsync(stoppingToken).ConfigureAwait(false);
                    }

                    if (claimed.Count == 0)
                    {
                        if (room.CurrentCount == capacity)
                        {
                            // Nothing claimed and unrecorded: every delivery this worker took has its outcome committed.
                            _signal.ReportIdle(passTime);
                        }

                        await _signal.WaitAsync(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                    }
                    else if (claimed.Count < free)
                    {
                        // The outbox is drained: let a few more dispatches commit rather than claim them one by one, since
                        // every claim is a write transaction of its own. Real time on purpose, like the 2 ms wait for a
                        // fuller batch above: these pace database writes, they are not schedules on the injected clock.
                        await Task.Delay(ClaimLinger, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // A bug or an unexpected failure must not end deliveries for the life of the process.
                    Log.WorkerLoopFailed(_logger, ex, WorkerId);
                    await _signal.WaitAsync(options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        _inbox.Close();
        var unstarted = await consumer.ConfigureAwait(false);
        while (reader.TryRead(out var item))
        {
            unstarted.Add(item.Claimed.Delivery.Id);
        }

        await ReleaseUnstartedAsync(unstarted).ConfigureAwait(false);
        await Task.WhenAll(running.Keys).ConfigureAwait(false);
    }

    /// <summary>Starts buffered deliveries as call slots free up; returns the ids it took but never started.</summary>
    private async Task<List<Guid>> ConsumeAsync(
        ChannelReader<(ClaimedDelivery Claimed, string Token)> reader, SemaphoreSlim calls, SemaphoreSlim room, int capacity, ConcurrentDictionary<Task, bool> running, CancellationToken stoppingToken)
    {
        var unstarted = new List<Guid>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var item))
                {
                    try
                    {
                        await calls.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        unstarted.Add(item.Claimed.Delivery.Id);
                        throw;
                    }

                    // On the thread pool: a delivery's synchronous start (SQLite's "async" reads are synchronous) must not
                    // hold up starting the next one.
                    var run = Task.Run(() => RunOneAsync(item.Claimed, item.Token, calls, room, capacity, stoppingToken), CancellationToken.None);
                    running.TryAdd(run, true);
                    _ = run.ContinueWith(done => running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; unstarted deliveries are given back.
        }

        return unstarted;
    }

    /// <summary>Gives back the claims of deliveries that were buffered but never started, so nobody waits for their lease.</summary>
    private async Task ReleaseUnstartedAsync(List<Guid> unstarted)
    {
        if (unstarted.Count == 0)
        {
            return;
        }

        try
        {
            await WithDatabaseAsync((storage, context, token) => storage.ReleaseAsync(context, unstarted, token), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.ReleaseFailed(_logger, ex, WorkerId, unstarted.Count);
        }
    }

    /// <summary>Deletes delivered and dead deliveries, attempt log entries and unused payloads older than the retention period.</summary>
    internal async Task ApplyRetentionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var cutoff = _time.GetUtcNow() - _options.CurrentValue.Delivery.Retention;
            var (deliveries, attempts) = await WithDatabaseAsync(
                (storage, context, token) => storage.PurgeAsync(context, cutoff.ToUnixTimeMilliseconds(), token), cancellationToken).ConfigureAwait(false);
            if (attempts + deliveries > 0)
            {
                Log.RetentionApplied(_logger, deliveries, attempts, Log.Iso(cutoff));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.RetentionFailed(_logger, ex, WorkerId);
        }
    }

    private Task<DeliveryClaim> ClaimAsync(int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lease = (long)_options.CurrentValue.Delivery.LeaseDuration.TotalMilliseconds;
        return WithDatabaseAsync(
            (storage, context, token) => storage.ClaimAsync(context, WorkerId, count, now.ToUnixTimeMilliseconds(), lease, token), cancellationToken);
    }

    /// <summary>Runs one write of the storage on a context of its own, in this process's turn to write.</summary>
    private async Task<T> WithDatabaseAsync<T>(Func<IDeliveryStorage, DbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            using var turn = await _gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            return await write(_storage, context, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task WithDatabaseAsync(Func<IDeliveryStorage, DbContext, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WithDatabaseAsync(async (storage, context, token) =>
        {
            await write(storage, context, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Runs one delivery: its call slot is freed when the call is over, its room when its outcome is recorded.</summary>
    private async Task RunOneAsync(ClaimedDelivery claimed, string token, SemaphoreSlim calls, SemaphoreSlim room, int capacity, CancellationToken stoppingToken)
    {
        var callOver = 0;
        void CallOver()
        {
            if (Interlocked.Exchange(ref callOver, 1) == 0)
            {
                calls.Release();
            }
        }

        try
        {
            await _processor.ProcessAsync(claimed.Delivery, claimed.Payload, token, CallOver, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested || ex is not OperationCanceledException)
        {
            Log.ProcessingFailed(_logger, ex, claimed.Delivery.Id);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the lease runs out and another worker takes the delivery over.
        }
        finally
        {
            CallOver();
            if (room.Release() + 1 == capacity)
            {
                // The last claimed delivery is recorded: look again now (a retry may be due), and let the worker report
                // itself idle if nothing is, rather than wait for the next poll.
                _signal.Notify();
            }
        }
    }

    private async Task RefreshGaugesAsync(CancellationToken cancellationToken)
    {
        if (!_telemetry.OutboxObserved)
        {
            return; // nobody listens: no query every 15 s in a host without metrics (nor in its command log)
        }

        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var (depth, oldest) = await _storage.MeasureAsync(context, now, cancellationToken).ConfigureAwait(false);
                _telemetry.SetOutbox(depth, oldest is { } o ? (now - o) / 1000.0 : 0);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.GaugesFailed(_logger, ex, WorkerId);
        }
    }
}
