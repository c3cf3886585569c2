using System.Threading.Channels;

namespace Integrations.Worker;

/// <summary>
/// Group commit: callers enqueue items and wait; a loop commits everything queued so far together (up to a weight limit
/// per commit). While a commit is in flight the next items gather for the next one; up to
/// <see cref="MaxConcurrentCommits"/> commits may be in flight at once (one on SQLite, several on PostgreSQL, whose
/// commits wait for the WAL flush rather than for each other). If a combined commit fails, each item is committed on its
/// own so one bad item does not fail the others. Starts on first use, so it works with or without a generic host.
/// </summary>
internal sealed class GroupCommitter<TItem, TResult> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Func<TItem, int> _weight;
    private readonly int _maxWeight;
    private readonly string _name;
    private readonly Lazy<Task> _loop;
    private int _maxConcurrentCommits = 1;
    private long _slotWaits;

    /// <param name="name">For the error when enqueuing after shutdown.</param>
    /// <param name="commit">Commits items together and returns one result per item, in order.</param>
    /// <param name="maxWeight">The most total weight per commit.</param>
    /// <param name="weight">An item's weight (1 by default).</param>
    public GroupCommitter(string name, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit, int maxWeight, Func<TItem, int>? weight = null)
    {
        _name = name;
        _commit = commit;
        _maxWeight = maxWeight;
        _weight = weight ?? (_ => 1);
        _loop = new Lazy<Task>(() => Task.Run(RunAsync));
    }

    /// <summary>How many commits may be in flight at once (1 until the owner learns the database allows more).</summary>
    public int MaxConcurrentCommits
    {
        get => Volatile.Read(ref _maxConcurrentCommits);
        set => Volatile.Write(ref _maxConcurrentCommits, Math.Clamp(value, 1, 16));
    }

    /// <summary>How many times queued items waited for a commit slot to free (commits held back by the limit).</summary>
    public long SlotWaits => Interlocked.Read(ref _slotWaits);

    public Task<TResult> EnqueueAsync(TItem item)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(_name, $"The {_name} is shutting down.");
        }

        _ = _loop.Value;
        return pending.Done.Task;
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
        var inFlight = new List<Task>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Start a commit only when a slot is free, so items gather into a fuller batch meanwhile.
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count >= MaxConcurrentCommits)
            {
                Interlocked.Increment(ref _slotWaits);
                await Task.WhenAny(inFlight).ConfigureAwait(false);
                continue;
            }

            var batch = new List<Pending>();
            var weight = 0;
            while (weight < _maxWeight && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                weight += _weight(pending.Item);
            }

            inFlight.Add(CommitAsync(batch));
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            var results = await _commit(batch.ConvertAll(p => p.Item)).ConfigureAwait(false);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.TrySetResult((await _commit([pending.Item]).ConfigureAwait(false))[0]);
                }
                catch (Exception ex)
                {
                    pending.Done.TrySetException(ex);
                }
            }
        }
        catch (Exception ex)
        {
            batch.ForEach(p => p.Done.TrySetException(ex));
        }
    }

    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);
}
