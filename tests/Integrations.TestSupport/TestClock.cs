using Microsoft.Extensions.Time.Testing;

namespace Integrations.TestSupport;

/// <summary>
/// The ecosystem's fake clock (Microsoft.Extensions.TimeProvider.Testing), starting at a fixed time, with one addition:
/// a fault injected into the next timestamp read, to stand in for a bug in code that reads the clock.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private Exception? _timestampFault;

    public TestClock()
        : base(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override long GetTimestamp() =>
        Interlocked.Exchange(ref _timestampFault, null) is { } fault ? throw fault : base.GetTimestamp();

    /// <summary>Makes the next <see cref="GetTimestamp"/> call throw <paramref name="fault"/>.</summary>
    public void FailNextTimestamp(Exception fault) => Volatile.Write(ref _timestampFault, fault);
}
