using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Integrations.Providers.Jira;

/// <summary>
/// Spaces writes to one Jira issue by at least <see cref="JiraOptions.PerIssueWriteInterval"/> within this process, so
/// a push that mentions an issue many times (or many deliveries at once) does not trip Jira Cloud's per-issue write
/// limit. Waits use real time: they are short, and the delivery's own clock is not involved.
/// </summary>
internal sealed class JiraWritePacer(IOptions<JiraOptions> options)
{
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public async Task<IDisposable> WaitTurnAsync(string site, string issueKey, CancellationToken cancellationToken)
    {
        var interval = options.Value.PerIssueWriteInterval;
        if (_slots.Count > MaxIdleSlots)
        {
            Prune(interval);
        }

        var slot = _slots.GetOrAdd(site + "|" + issueKey, _ => new Slot());
        await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Task.Delay works in whole milliseconds and may wake a little early: wait until the interval has passed.
            TimeSpan wait;
            while (slot.LastWrite != 0 && (wait = interval - Stopwatch.GetElapsedTime(slot.LastWrite)) > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            slot.Gate.Release();
            throw;
        }

        return new Turn(slot);
    }

    /// <summary>How many issues are remembered before idle ones are forgotten.</summary>
    private const int MaxIdleSlots = 1024;

    /// <summary>Forgets issues written longer than one interval ago with nobody waiting: they need no pacing.</summary>
    private void Prune(TimeSpan interval)
    {
        foreach (var (key, slot) in _slots)
        {
            if (slot.Gate.CurrentCount == 1 && Stopwatch.GetElapsedTime(slot.LastWrite) > interval)
            {
                _slots.TryRemove(new KeyValuePair<string, Slot>(key, slot));
            }
        }
    }

    private sealed class Slot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public long LastWrite { get; set; }
    }

    private sealed class Turn(Slot slot) : IDisposable
    {
        public void Dispose()
        {
            slot.LastWrite = Stopwatch.GetTimestamp();
            slot.Gate.Release();
        }
    }
}
