using Integrations.Persistence;
using Integrations.Storage;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Dispatch;

/// <summary>
/// Group commit for dispatches: callers queue their delivery rows and wait; everything queued so far is written with
/// the storage's bulk insert in one transaction, so many concurrent dispatches cost few database commits. When this
/// process runs a worker with room to spare, the rows it has room for are written already claimed by it and handed to
/// it after the commit (<see cref="WorkerInbox"/>): no claim and no payload read for them.
/// </summary>
internal sealed class OutboxWriter : IAsyncDisposable
{
    private const int MaxRowsPerCommit = 2000;
    private readonly IServiceScopeFactory _scopes;
    private readonly DeliverySignal _signal;
    private readonly DatabaseWriteGate _gate;
    private readonly IDeliveryStorage _storage;
    private readonly GroupCommitter<OutboxEntry, bool> _committer;
    private readonly WorkerInbox _inbox;
    private readonly TimeProvider _time;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private long _commits;

    public OutboxWriter(IServiceScopeFactory scopes, DeliverySignal signal, DatabaseWriteGate gate, IDeliveryStorage storage, WorkerInbox inbox, TimeProvider time, IOptionsMonitor<IntegrationsOptions> options)
    {
        _inbox = inbox;
        _time = time;
        _options = options;
        _scopes = scopes;
        _signal = signal;
        _gate = gate;
        _storage = storage;
        _committer = new GroupCommitter<OutboxEntry, bool>("integrations outbox", CommitAsync, MaxRowsPerCommit, entry => entry.Deliveries.Count + 1)
        {
            MaxConcurrentCommits = storage.Features.ConcurrentCommits,
        };
    }

    /// <summary>How many commits the writer has made (for tests and diagnostics).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Commits an event's payload and deliveries, together with whatever other callers queued meanwhile.</summary>
    public Task WriteAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        _committer.EnqueueAsync(entry).WaitAsync(cancellationToken);

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private async Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<OutboxEntry> callers)
    {
        var payloads = callers.Select(c => c.Payload).ToList();
        var rows = callers.SelectMany(c => c.Deliveries).ToList();
        var reservation = _inbox.Reserve(rows.Count);
        var token = reservation.Count > 0 ? _inbox.NewLeaseToken() : null;
        var leaseEnd = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)_options.CurrentValue.Delivery.LeaseDuration.TotalMilliseconds;
        for (var i = 0; i < rows.Count; i++)
        {
            // Set every time: after a failed combined commit, the group committer commits each caller again on its own.
            var handed = i < reservation.Count;
            rows[i].Status = handed ? DeliveryStatus.Delivering : DeliveryStatus.Pending;
            rows[i].LeaseOwner = handed ? token : null;
            rows[i].LeaseExpiresAt = handed ? leaseEnd : null;
        }

        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
                using var turn = await _gate.EnterAsync(CancellationToken.None).ConfigureAwait(false);
                var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await _storage.InsertAsync(context, payloads, CancellationToken.None).ConfigureAwait(false);
                    await _storage.InsertAsync(context, rows, CancellationToken.None).ConfigureAwait(false);
                    await transaction.CommitAsync().ConfigureAwait(false);
                }
            }
        }
        catch
        {
            reservation.Return(reservation.Count);
            throw;
        }

        Interlocked.Increment(ref _commits);
        var bodies = callers.SelectMany(c => c.Deliveries.Select(_ => c.Payload.Body)).ToList();
        var lost = 0;
        for (var i = 0; i < reservation.Count; i++)
        {
            // False only when the worker stopped meanwhile: the delivery stays claimed until its lease runs out.
            lost += _inbox.Add(new ClaimedDelivery(rows[i], bodies[i]), token!) ? 0 : 1;
        }

        reservation.Return(lost);
        if (reservation.Count < rows.Count)
        {
            _signal.Notify();
        }

        return callers.Select(_ => true).ToArray();
    }
}
