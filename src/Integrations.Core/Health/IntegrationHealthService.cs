using Integrations.Diagnostics;
using Integrations.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Health;

/// <summary>
/// Keeps each integration's failure count, hold and disable state (<see cref="AutoDisablePolicy"/>), written with
/// optimistic concurrency so workers in several processes agree. Listeners hear about status changes in the order they
/// were stored, each once.
/// </summary>
internal sealed class IntegrationHealthService
{
    private const int MaxRounds = 50;
    private const long LastSuccessResolutionMs = 1000;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly TimeProvider _time;
    private readonly IEnumerable<IIntegrationHealthListener> _listeners;
    private readonly ILogger<IntegrationHealthService> _logger;
    private readonly IntegrationHealthCache _cache;

    // Announcements go one at a time (they are rare: status changes only), each integration's in version order.
    private readonly SemaphoreSlim _announcing = new(1, 1);
    private readonly Dictionary<Guid, int> _announced = [];

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

    /// <summary>
    /// Applies what happened to an integration (inside the caller's transaction) and returns the status change to
    /// announce after commit, if any. The row is read, changed and written back only if nobody wrote it meanwhile (its
    /// version), so workers in several processes never lose each other's updates, and each change of status is seen by
    /// exactly one writer: the one that made it.
    /// </summary>
    public async Task<HealthWrite> ApplyAsync(DbContext context, Guid integrationId, string type, IReadOnlyList<HealthObservation> observations, string reason, CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue.Delivery;
        var set = context.Set<IntegrationHealthRecord>();
        for (var round = 1; ; round++)
        {
            var before = await GetAsync(context, integrationId, cancellationToken).ConfigureAwait(false);
            var after = before?.Copy() ?? new IntegrationHealthRecord { IntegrationId = integrationId };
            foreach (var observation in observations.OrderBy(o => o.FinishedAt))
            {
                AutoDisablePolicy.Apply(after, observation, options);
            }

            if (!AutoDisablePolicy.DisableDue(after, options))
            {
                after.DisableDueSince = null;
            }
            else if (!await EarlierAttemptInFlightAsync(context, integrationId, after.DisableDueSince ??= after.LastFailureAt!.Value, options, cancellationToken).ConfigureAwait(false))
            {
                AutoDisablePolicy.Disable(after, options);
            }

            if (!WorthWriting(before, after))
            {
                return HealthWrite.Unchanged;
            }

            after.Version = (before?.Version ?? 0) + 1;
            bool written;
            if (before is null)
            {
                written = await TryInsertAsync(context, after, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                written = await set.Where(h => h.IntegrationId == integrationId && h.Version == before.Version).ExecuteUpdateAsync(s => s
                    .SetProperty(h => h.Version, after.Version)
                    .SetProperty(h => h.RecentFailures, after.RecentFailures)
                    .SetProperty(h => h.FailingSince, after.FailingSince)
                    .SetProperty(h => h.HeldUntil, after.HeldUntil)
                    .SetProperty(h => h.DisabledUntil, after.DisabledUntil)
                    .SetProperty(h => h.DisableDueSince, after.DisableDueSince)
                    .SetProperty(h => h.PermanentlyDisabled, after.PermanentlyDisabled)
                    .SetProperty(h => h.LastFailureAt, after.LastFailureAt)
                    .SetProperty(h => h.LastSuccessAt, after.LastSuccessAt)
                    .SetProperty(h => h.LastError, after.LastError), cancellationToken).ConfigureAwait(false) == 1;
            }

            if (written)
            {
                var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                var previous = IntegrationHealth.From(before, integrationId, now).Status;
                var current = IntegrationHealth.From(after, integrationId, now);
                return new HealthWrite(true, current.Status == previous ? null : new IntegrationHealthChange(integrationId, type, previous, current, reason, after.Version));
            }

            if (round == MaxRounds)
            {
                throw new InvalidOperationException($"The health of integration {integrationId} kept changing under {MaxRounds} attempts to update it.");
            }
        }
    }

    /// <summary>Re-enables an integration (after an edit or a successful test of its saved settings) and tells the listeners.</summary>
    /// <param name="context">The database.</param>
    /// <param name="integrationId">The integration.</param>
    /// <param name="type">Its type slug.</param>
    /// <param name="reason">Why, for the owner.</param>
    /// <param name="succeeded">Whether a successful call caused it (so it is the last success).</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task ResetAsync(DbContext context, Guid integrationId, string type, string reason, bool succeeded, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var write = await ApplyAsync(context, integrationId, type, [new HealthObservation(HealthEffect.Reset, now, CountsAsSuccess: succeeded)], reason, cancellationToken).ConfigureAwait(false);
        if (write.Written)
        {
            Forget(integrationId);
        }

        await NotifyAsync(write.Change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the listeners about a change (after it is committed). Changes are announced one at a time and in the order
    /// they were stored (their <see cref="IntegrationHealthChange.Version"/>): one that is older than the last announced
    /// for its integration is superseded and not announced, so a listener never ends in a state older than one it heard.
    /// </summary>
    public async Task NotifyAsync(IntegrationHealthChange? change, CancellationToken cancellationToken)
    {
        if (change is null)
        {
            return;
        }

        var integrationId = change.IntegrationId;
        await _announcing.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_announced.TryGetValue(integrationId, out var announced) && announced >= change.Version)
            {
                Log.HealthChangeSuperseded(_logger, integrationId, change.Version, announced);
                return;
            }

            _announced[integrationId] = change.Version;
            Log.HealthChanged(_logger, integrationId, change.IntegrationType, change.Previous.ToString(), change.Current.Status.ToString());
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
        finally
        {
            _announcing.Release();
        }
    }

    /// <summary>
    /// Whether the new state differs enough to write: any change but the time of the last success, which is written when
    /// it first appears or moves by at least a second, so a busy healthy integration is not written once per delivery.
    /// </summary>
    private static bool WorthWriting(IntegrationHealthRecord? before, IntegrationHealthRecord after)
    {
        if (before is null)
        {
            return after.RecentFailures != 0 || after.HeldUntil is not null || after.PermanentlyDisabled || after.DisabledUntil is not null
                || after.LastSuccessAt is not null || after.LastFailureAt is not null;
        }

        return before.RecentFailures != after.RecentFailures || before.FailingSince != after.FailingSince || before.HeldUntil != after.HeldUntil
            || before.DisabledUntil != after.DisabledUntil || before.DisableDueSince != after.DisableDueSince || before.PermanentlyDisabled != after.PermanentlyDisabled
            || before.LastFailureAt != after.LastFailureAt || !string.Equals(before.LastError, after.LastError, StringComparison.Ordinal)
            || (before.LastSuccessAt is null) != (after.LastSuccessAt is null)
            || after.LastSuccessAt - before.LastSuccessAt >= LastSuccessResolutionMs;
    }

    /// <summary>
    /// Whether another delivery of the integration is being attempted that may have finished before
    /// <paramref name="dueSince"/> (when the disable became due) without its outcome being committed yet: claimed (its
    /// lease began) by then and still leased. The commit of the last of them decides the disable; a success among them
    /// ends the run instead. Attempts claimed later cannot hold it back, so under steady traffic the wait is bounded by
    /// one call's duration. The lease's start is its end less <see cref="DeliveryOptions.LeaseDuration"/> (the same in
    /// every process).
    /// </summary>
    private async Task<bool> EarlierAttemptInFlightAsync(DbContext context, Guid integrationId, long dueSince, DeliveryOptions options, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var claimedBy = dueSince + (long)options.LeaseDuration.TotalMilliseconds;
        return await context.Set<DeliveryRecord>().AnyAsync(d => d.Status == DeliveryStatus.Delivering && d.IntegrationId == integrationId
            && d.LeaseExpiresAt > now && d.LeaseExpiresAt <= claimedBy, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> TryInsertAsync(DbContext context, IntegrationHealthRecord row, CancellationToken cancellationToken)
    {
        context.Set<IntegrationHealthRecord>().Add(row);
        try
        {
            // Inside the caller's transaction EF Core saves through a savepoint, so a lost race leaves the transaction usable.
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // Another writer created the row first: read it and apply on top.
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }
}
