namespace Integrations.Worker;

/// <summary>
/// Wakes this process's delivery worker when new work was written here, so it need not wait for its next poll, and
/// tells whoever asks when the worker last found nothing to do (tests wait on that instead of sleeping).
/// </summary>
internal sealed class DeliverySignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _idleGate = new();
    private TaskCompletionSource<DateTimeOffset> _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _idleSince;

    public void Notify()
    {
        lock (_idleGate)
        {
            _idleSince = null; // new work: the worker is not idle until its next empty pass
        }

        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>
    /// Waits until <see cref="Notify"/> or until <paramref name="timeout"/> passes on <paramref name="time"/>, the injected
    /// clock: deliveries become due on that clock, so a worker under a fake clock wakes when the test advances it.
    /// </summary>
    /// <returns>True when notified.</returns>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _signal.WaitAsync(linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The worker finished a claim pass that found no work, with nothing in flight, at <paramref name="passTime"/>.</summary>
    public void ReportIdle(DateTimeOffset passTime)
    {
        TaskCompletionSource<DateTimeOffset> done;
        lock (_idleGate)
        {
            done = _idle;
            _idle = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
            _idleSince = passTime;
        }

        done.TrySetResult(passTime);
    }

    /// <summary>
    /// Completes when the worker has found nothing to do in a claim pass made at or after <paramref name="clockTime"/>
    /// (on the injected clock): everything due by then was claimed, sent and recorded.
    /// </summary>
    public async Task WaitForIdleAsync(DateTimeOffset clockTime, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<DateTimeOffset> next;
            lock (_idleGate)
            {
                if (_idleSince >= clockTime)
                {
                    return; // idle since a pass at or after that time, and nothing was written here since
                }

                next = _idle.Task;
            }

            if (await next.WaitAsync(cancellationToken).ConfigureAwait(false) >= clockTime)
            {
                return;
            }
        }
    }

    public void Dispose() => _signal.Dispose();
}
