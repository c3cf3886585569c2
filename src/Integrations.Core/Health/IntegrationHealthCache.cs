using System.Collections.Concurrent;
using Integrations.Storage;

namespace Integrations.Health;

/// <summary>
/// A short-lived cache of integrations' health rows, so a burst of deliveries to one integration does not read its
/// health once per delivery. This process forgets an entry as soon as it writes that health; other processes' writes are
/// seen within <see cref="Lifetime"/>.
/// </summary>
internal sealed class IntegrationHealthCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Guid, Entry> _entries = new();
    private readonly TimeProvider _time;

    public IntegrationHealthCache(TimeProvider time) => _time = time;

    public bool TryGet(Guid integrationId, out IntegrationHealthRecord? record)
    {
        record = null;
        if (_entries.TryGetValue(integrationId, out var entry) && entry.ExpiresAt > _time.GetTimestamp())
        {
            record = entry.Record;
            return true;
        }

        return false;
    }

    public void Set(Guid integrationId, IntegrationHealthRecord? record)
    {
        if (_entries.Count > 100_000)
        {
            _entries.Clear();
        }

        _entries[integrationId] = new Entry(record, _time.GetTimestamp() + (long)(Lifetime.TotalSeconds * _time.TimestampFrequency));
    }

    public void Invalidate(Guid integrationId) => _entries.TryRemove(integrationId, out _);

    private sealed record Entry(IntegrationHealthRecord? Record, long ExpiresAt);
}
