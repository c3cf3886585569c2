namespace Integrations.Storage;

/// <summary>
/// Lets this process's own delivery writers (dispatch commits, claims, outcomes, retention) take turns when the storage
/// declares a single writer (<see cref="DeliveryStorageFeatures.SingleWriter"/>, SQLite). Without it they collide inside
/// the database, whose busy handling sleeps for milliseconds per retry; waiting here costs nothing while the other writer
/// finishes. Writers of a storage with concurrent writers run ungated.
/// </summary>
internal sealed class DatabaseWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly bool _singleWriter;

    public DatabaseWriteGate(IDeliveryStorage storage) => _singleWriter = storage.Features.SingleWriter;

    /// <summary>Waits for this process's turn to write; dispose the result to end it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        if (!_singleWriter)
        {
            return new Turn(null);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(_gate);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>One writer's turn; disposing it (once or more) lets the next writer in.</summary>
    public sealed class Turn(SemaphoreSlim? gate) : IDisposable
    {
        private SemaphoreSlim? _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }
}
