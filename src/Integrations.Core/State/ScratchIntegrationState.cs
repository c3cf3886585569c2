using System.Collections.Concurrent;

namespace Integrations.State;

/// <summary>
/// State kept in memory for one run: what "Test settings" gets, so that testing never changes what the saved
/// integration remembers.
/// </summary>
internal sealed class ScratchIntegrationState : IIntegrationState
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);

    public Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        return Task.FromResult(_values.TryGetValue(key, out var value) ? value : null);
    }

    public Task<bool> TryAddAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        ArgumentNullException.ThrowIfNull(value);
        return Task.FromResult(_values.TryAdd(key, value));
    }

    public Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        ArgumentNullException.ThrowIfNull(value);
        _values[key] = value;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        StateKey.Validate(key);
        return Task.FromResult(_values.TryRemove(key, out _));
    }
}
