using System.Collections.Concurrent;
using Integrations.Persistence;
using Microsoft.Extensions.Options;

namespace Integrations.Inheritance;

/// <summary>
/// Caches resolved effective integrations per scope. Every scope has a generation number that any change bumps; an
/// entry remembers the generations of its whole ancestry when it was resolved and is used only while they are all
/// unchanged, so a change at the instance or a group invalidates every project below it without knowing them.
/// </summary>
internal sealed class EffectiveIntegrationCache : IIntegrationChangeObserver
{
    private readonly ConcurrentDictionary<IntegrationScope, Entry> _entries = new();
    private readonly ConcurrentDictionary<IntegrationScope, long> _generations = new();
    private readonly ConcurrentDictionary<IntegrationScope, Loading> _loading = new();
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private long _clock;

    public EffectiveIntegrationCache(IOptionsMonitor<IntegrationsOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public int Count => _entries.Count;

    /// <summary>The generations of a chain of scopes, read before resolving it.</summary>
    public long[] Snapshot(IReadOnlyList<IntegrationScope> chain)
    {
        var snapshot = new long[chain.Count];
        for (var i = 0; i < chain.Count; i++)
        {
            snapshot[i] = _generations.GetValueOrDefault(chain[i]);
        }

        return snapshot;
    }

    public bool TryGet(IntegrationScope scope, out IReadOnlyList<EffectiveIntegration> items)
    {
        items = [];
        if (!_entries.TryGetValue(scope, out var entry))
        {
            return false;
        }

        if (entry.ExpiresAt <= _time.GetTimestamp())
        {
            _entries.TryRemove(KeyValuePair.Create(scope, entry));
            return false;
        }

        for (var i = 0; i < entry.Chain.Count; i++)
        {
            if (_generations.GetValueOrDefault(entry.Chain[i]) != entry.Generations[i])
            {
                _entries.TryRemove(KeyValuePair.Create(scope, entry));
                return false;
            }
        }

        items = entry.Items;
        return true;
    }

    public void Set(IntegrationScope scope, IReadOnlyList<IntegrationScope> chain, long[] generations, IReadOnlyList<EffectiveIntegration> items)
    {
        var options = _options.CurrentValue;
        if (options.EffectiveCacheDuration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= options.MaxCachedScopes)
        {
            _entries.Clear();
        }

        var expiresAt = _time.GetTimestamp() + (long)(options.EffectiveCacheDuration.TotalSeconds * _time.TimestampFrequency);
        _entries[scope] = new Entry(chain, generations, items, expiresAt);
    }

    /// <summary>
    /// Runs <paramref name="load"/> once for concurrent misses of the same scope: later callers join the load in flight
    /// (no stampede of identical queries), unless anything was invalidated since it started, in which case they start a
    /// fresh one so a change is always seen after it was saved.
    /// </summary>
    public Task<IReadOnlyList<EffectiveIntegration>> LoadOnceAsync(IntegrationScope scope, Func<Task<IReadOnlyList<EffectiveIntegration>>> load)
    {
        var clock = Interlocked.Read(ref _clock);
        if (_loading.TryGetValue(scope, out var running) && running.Clock == clock)
        {
            return running.Task;
        }

        var started = new Loading(clock, new TaskCompletionSource<IReadOnlyList<EffectiveIntegration>>(TaskCreationOptions.RunContinuationsAsynchronously));
        _loading[scope] = started;
        _ = RunAsync();
        return started.Task;

        async Task RunAsync()
        {
            try
            {
                started.Source.SetResult(await load().ConfigureAwait(false));
            }
            catch (Exception ex)
            {
                started.Source.SetException(ex);
            }
            finally
            {
                _loading.TryRemove(KeyValuePair.Create(scope, started));
            }
        }
    }

    /// <summary>Marks a scope changed: cached results for it and every scope below it become stale.</summary>
    /// <inheritdoc />
    public void ScopeChanged(IntegrationScope scope) => Invalidate(scope);

    public void Invalidate(IntegrationScope scope)
    {
        _generations[scope] = Interlocked.Increment(ref _clock);
        _entries.TryRemove(scope, out _);
    }

    public void Clear() => _entries.Clear();

    private sealed record Loading(long Clock, TaskCompletionSource<IReadOnlyList<EffectiveIntegration>> Source)
    {
        public Task<IReadOnlyList<EffectiveIntegration>> Task => Source.Task;
    }

    private sealed record Entry(IReadOnlyList<IntegrationScope> Chain, long[] Generations, IReadOnlyList<EffectiveIntegration> Items, long ExpiresAt);
}
