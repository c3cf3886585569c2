namespace Integrations.Samples.Web.Data;

/// <summary>
/// Lets one request at a time in this process number a new issue or merge request (max + 1), so only another forge
/// instance on the same database can race it; the unique index and a retry settle that.
/// </summary>
internal sealed class NumberingLock : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
