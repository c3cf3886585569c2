namespace Integrations.Worker;

/// <summary>When this process's delivery worker last made a claim pass (on the injected clock), for its health check.</summary>
internal sealed class WorkerHeartbeat
{
    private long _lastPassTicks = long.MinValue;

    /// <summary>The last claim pass, or null before the first.</summary>
    public DateTimeOffset? LastPass
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastPassTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void Beat(DateTimeOffset passTime) => Interlocked.Exchange(ref _lastPassTicks, passTime.UtcTicks);
}
