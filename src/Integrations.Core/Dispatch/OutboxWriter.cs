using Integrations.Persistence;
using Integrations.Storage;
using Integrations.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Dispatch;

/// <summary>
/// Group commit for dispatches: callers queue their delivery rows and wait; everything queued so far is written with
/// the storage's bulk insert in one transaction, so many concurrent dispatches cost few database commits.
/// </summary>
internal sealed class OutboxWriter : IAsyncDisposable
{
    private const int MaxRowsPerCommit = 2000;
    private readonly IServiceScopeFactory _scopes;
    private readonly DeliverySignal _signal;
    private readonly DatabaseWriteGate _gate;
    private readonly IDeliveryStorage _storage;
    private readonly GroupCommitter<OutboxEntry, bool> _committer;
    private long _commits;

    public OutboxWriter(IServiceScopeFactory scopes, DeliverySignal signal, DatabaseWriteGate gate, IDeliveryStorage storage)
    {
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

        Interlocked.Increment(ref _commits);
        _signal.Notify();
        return callers.Select(_ => true).ToArray();
    }
}
