namespace Integrations.TestSupport;

/// <summary>A clock that moves only when a test says so.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;
    private Exception? _timestampFault;

    public FakeTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        if (Interlocked.Exchange(ref _timestampFault, null) is { } fault)
        {
            throw fault;
        }

        return GetUtcNow().UtcTicks;
    }

    /// <summary>Makes the next <see cref="GetTimestamp"/> call throw <paramref name="fault"/>: a stand-in for a bug in code that reads the clock.</summary>
    public void FailNextTimestamp(Exception fault) => Volatile.Write(ref _timestampFault, fault);

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
