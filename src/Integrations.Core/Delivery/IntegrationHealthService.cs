using Integrations.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Delivery;

/// <summary>
/// Keeps each integration's failure count and disable state. The count is incremented in the database itself, so
/// workers in several processes failing at once count every failure. Listeners hear about every status change.
/// </summary>
internal sealed class IntegrationHealthService
{
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IEnumerable<IIntegrationHealthListener> _listeners;
    private readonly ILogger<IntegrationHealthService> _logger;
    private readonly IntegrationHealthCache _cache;

    public IntegrationHealthService(IOptionsMonitor<IntegrationsOptions> options, TimeProvider time, IEnumerable<IIntegrationHealthListener> listeners, ILogger<IntegrationHealthService> logger, IntegrationHealthCache cache)
    {
        _cache = cache;
        _options = options;
        _time = time;
        _listeners = listeners;
        _logger = logger;
    }

    public static Task<IntegrationHealthRecord?> GetAsync(DbContext context, Guid integrationId, CancellationToken cancellationToken) =>
        context.Set<IntegrationHealthRecord>().AsNoTracking().FirstOrDefaultAsync(h => h.IntegrationId == integrationId, cancellationToken);

    /// <summary>The health row through the short in-process cache (for the delivery hot path).</summary>
    public async Task<IntegrationHealthRecord?> GetCachedAsync(DbContext context, Guid integrationId, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(integrationId, out var cached))
        {
            return cached;
        }

        var record = await GetAsync(context, integrationId, cancellationToken).ConfigureAwait(false);
        _cache.Set(integrationId, record);
        return record;
    }

    /// <summary>Forgets the cached health of an integration after this process changed it.</summary>
    public void Forget(Guid integrationId) => _cache.Invalidate(integrationId);

    /// <summary>Records a success (inside the caller's transaction); returns the change to announce after commit, if any.</summary>
    public async Task<IntegrationHealthChange?> RecordSuccessAsync(DbContext context, Guid integrationId, string type, IntegrationHealthRecord? before, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (before is null || (before.RecentFailures == 0 && !before.PermanentlyDisabled && before.DisabledUntil is null))
        {
            return null; // Already healthy: no write per successful delivery.
        }

        await context.Set<IntegrationHealthRecord>().Where(h => h.IntegrationId == integrationId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.RecentFailures, 0)
            .SetProperty(h => h.DisabledUntil, (long?)null)
            .SetProperty(h => h.PermanentlyDisabled, false)
            .SetProperty(h => h.LastSuccessAt, now)
            .SetProperty(h => h.LastError, (string?)null), cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(context, integrationId, type, before, now, "A delivery succeeded.", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a failure (inside the caller's transaction); returns the change to announce after commit, if any.</summary>
    public async Task<IntegrationHealthChange?> RecordFailureAsync(DbContext context, Guid integrationId, string type, IntegrationHealthRecord? before, bool gone, string error, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var text = error.Length > 2000 ? error[..2000] : error;
        var set = context.Set<IntegrationHealthRecord>();
        var updated = await set.Where(h => h.IntegrationId == integrationId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.RecentFailures, h => h.RecentFailures + 1)
            .SetProperty(h => h.LastFailureAt, now)
            .SetProperty(h => h.LastError, text), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            set.Add(new IntegrationHealthRecord { IntegrationId = integrationId, RecentFailures = 1, LastFailureAt = now, LastError = text });
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another worker created the row first: count on it.
                context.ChangeTracker.Clear();
                await set.Where(h => h.IntegrationId == integrationId).ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.RecentFailures, h => h.RecentFailures + 1)
                    .SetProperty(h => h.LastFailureAt, now)
                    .SetProperty(h => h.LastError, text), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                context.ChangeTracker.Clear();
            }
        }

        var current = await GetAsync(context, integrationId, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            return null;
        }

        AutoDisablePolicy.ApplyThresholds(current, _options.CurrentValue.Delivery, now, gone);
        await set.Where(h => h.IntegrationId == integrationId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.DisabledUntil, current.DisabledUntil)
            .SetProperty(h => h.PermanentlyDisabled, h => h.PermanentlyDisabled || current.PermanentlyDisabled), cancellationToken).ConfigureAwait(false);
        return await ChangeAsync(context, integrationId, type, before, now, gone ? "The receiver answered 410 Gone." : "Delivery failed: " + text, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Re-enables an integration (after an edit or a successful test).</summary>
    public async Task ResetAsync(DbContext context, Guid integrationId, string type, string reason, CancellationToken cancellationToken)
    {
        var before = await GetAsync(context, integrationId, cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return;
        }

        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await context.Set<IntegrationHealthRecord>().Where(h => h.IntegrationId == integrationId).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.RecentFailures, 0)
            .SetProperty(h => h.DisabledUntil, (long?)null)
            .SetProperty(h => h.PermanentlyDisabled, false)
            .SetProperty(h => h.LastError, (string?)null), cancellationToken).ConfigureAwait(false);
        Forget(integrationId);
        await NotifyAsync(await ChangeAsync(context, integrationId, type, before, now, reason, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the listeners about a change (after it is committed).</summary>
    public async Task NotifyAsync(IntegrationHealthChange? change, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return;
        }

        Log.HealthChanged(_logger, change.IntegrationId, change.IntegrationType, change.Previous, change.Current.Status);
        var integrationId = change.IntegrationId;
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnHealthChangedAsync(change, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.HealthListenerFailed(_logger, ex, listener.GetType().Name, integrationId);
            }
        }
    }

    private static async Task<IntegrationHealthChange?> ChangeAsync(DbContext context, Guid integrationId, string type, IntegrationHealthRecord? before, long now, string reason, CancellationToken cancellationToken)
    {
        var previous = IntegrationHealth.From(before, integrationId, now).Status;
        var current = IntegrationHealth.From(await GetAsync(context, integrationId, cancellationToken).ConfigureAwait(false), integrationId, now);
        return current.Status == previous ? null : new IntegrationHealthChange(integrationId, type, previous, current, reason);
    }
}
