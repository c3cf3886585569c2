using Microsoft.EntityFrameworkCore;

namespace Integrations.Persistence;

/// <summary>
/// Lets this process's own delivery writers (dispatch commits, claims, outcomes, retention) take turns on SQLite, which
/// allows one writer at a time. Without it they collide inside SQLite, whose busy handling sleeps for milliseconds per
/// retry; waiting here costs nothing while the other writer finishes. PostgreSQL writers run concurrently, ungated.
/// </summary>
internal sealed class DatabaseWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for this process's turn to write to the context's database; dispose the result to end it.</summary>
    public async ValueTask<Turn> EnterAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.GetDatabaseProvider() == DatabaseProvider.PostgreSql)
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
