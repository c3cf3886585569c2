using System.Threading.Channels;
using Integrations.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Delivery;

/// <summary>
/// Group commit for dispatches: callers queue their delivery rows and wait; one loop writes everything queued so far in a
/// single <c>SaveChanges</c>, so many concurrent dispatches cost few database commits.
/// </summary>
internal sealed class OutboxWriter : IAsyncDisposable
{
    private const int MaxRowsPerCommit = 2000;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly DeliverySignal _signal;
    private readonly Lazy<Task> _loop;
    private long _commits;

    public OutboxWriter(IServiceScopeFactory scopes, DeliverySignal signal)
    {
        _scopes = scopes;
        _signal = signal;
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>How many commits the writer has made (for tests and diagnostics).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Commits the rows, together with whatever other callers queued meanwhile.</summary>
    public Task WriteAsync(IReadOnlyList<DeliveryRecord> rows, CancellationToken cancellationToken)
    {
        var pending = new Pending(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(OutboxWriter), "The integrations outbox is shutting down.");
        }

        _ = _loop.Value;
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            await _loop.Value.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            var rows = 0;
            while (rows < MaxRowsPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                rows += pending.Rows.Count;
            }

            try
            {
                await CommitAsync(batch.SelectMany(p => p.Rows).ToList()).ConfigureAwait(false);
                batch.ForEach(p => p.Done.TrySetResult());
                _signal.Notify();
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One caller's rows may be at fault: commit each caller on its own so the others still succeed.
                foreach (var pending in batch)
                {
                    try
                    {
                        await CommitAsync(pending.Rows).ConfigureAwait(false);
                        pending.Done.TrySetResult();
                    }
                    catch (Exception ex)
                    {
                        pending.Done.TrySetException(ex);
                    }
                }

                _signal.Notify();
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    private async Task CommitAsync(IEnumerable<DeliveryRecord> rows)
    {
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<IIntegrationsDbContextProvider>().Context;
            var all = rows as IReadOnlyList<DeliveryRecord> ?? rows.ToList();
            if (all.Count * 16 > 4_000)
            {
                // Several statements: keep them atomic.
                var transaction = await context.Database.BeginTransactionAsync().ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await BulkInsert.InsertAsync(context, all, CancellationToken.None).ConfigureAwait(false);
                    await transaction.CommitAsync().ConfigureAwait(false);
                }
            }
            else
            {
                await BulkInsert.InsertAsync(context, all, CancellationToken.None).ConfigureAwait(false);
            }
            Interlocked.Increment(ref _commits);
        }
    }

    private sealed record Pending(IReadOnlyList<DeliveryRecord> Rows, TaskCompletionSource Done);
}
