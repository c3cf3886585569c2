using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage;

/// <summary>
/// The portable delivery storage: plain EF Core LINQ, <c>SaveChanges</c> and <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>,
/// so it runs on any relational provider. Claims are atomic without row locks: each candidate is taken by a conditional
/// <c>UPDATE</c> that only one worker can win, and the rows are read back by their fresh lease token. The database
/// packages derive from it and override the hot paths. It declares no single writer and one commit at a time: safe
/// defaults for a database it knows nothing about.
/// </summary>
internal class EfCoreDeliveryStorage : IDeliveryStorage
{
    /// <inheritdoc />
    public virtual DeliveryStorageFeatures Features { get; } = new(SingleWriter: false, ConcurrentCommits: 1);

    /// <inheritdoc />
    public virtual async Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        context.Set<T>().AddRange(rows);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    /// <inheritdoc />
    public virtual async Task<DeliveryClaim> ClaimAsync(DbContext context, string workerId, int count, long nowMs, long leaseMs, CancellationToken cancellationToken)
    {
        var token = LeaseToken.New(workerId);
        var leaseEnd = nowMs + leaseMs;
        var deliveries = context.Set<DeliveryRecord>();

        var expired = await deliveries.Where(d => d.Status == DeliveryStatus.Delivering && d.LeaseExpiresAt < nowMs)
            .OrderBy(d => d.LeaseExpiresAt).Select(d => d.Id).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        var won = expired.Count == 0 ? 0 : await deliveries
            .Where(d => expired.Contains(d.Id) && d.Status == DeliveryStatus.Delivering && d.LeaseExpiresAt < nowMs)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, token).SetProperty(d => d.LeaseExpiresAt, leaseEnd), cancellationToken).ConfigureAwait(false);

        if (won < count)
        {
            var due = await deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= nowMs)
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(count - won).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (due.Count > 0)
            {
                await deliveries.Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.Status, DeliveryStatus.Delivering)
                        .SetProperty(d => d.LeaseOwner, token)
                        .SetProperty(d => d.LeaseExpiresAt, leaseEnd), cancellationToken).ConfigureAwait(false);
            }
        }

        var claimed = await deliveries.AsNoTracking().Where(d => d.Status == DeliveryStatus.Delivering && d.LeaseOwner == token)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var payloadIds = claimed.Select(d => d.PayloadId).Distinct().ToList();
        var payloads = payloadIds.Count == 0
            ? []
            : await context.Set<DeliveryPayloadRecord>().AsNoTracking().Where(p => payloadIds.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Body, cancellationToken).ConfigureAwait(false);
        return Claimed(token, claimed, payloads);
    }

    /// <inheritdoc />
    public virtual async Task<HashSet<Guid>> ApplyOutcomesAsync(DbContext context, IReadOnlyList<OutcomeRow> outcomes, CancellationToken cancellationToken)
    {
        var applied = new HashSet<Guid>();
        foreach (var o in outcomes)
        {
            var (id, token, status, attempts, next, completed, code, error) = o;
            var stored = await context.Set<DeliveryRecord>().Where(d => d.Id == id && d.LeaseOwner == token)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.NextAttemptAt, next)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAt, (long?)null)
                    .SetProperty(d => d.CompletedAt, completed)
                    .SetProperty(d => d.LastStatusCode, code)
                    .SetProperty(d => d.LastError, error), cancellationToken).ConfigureAwait(false);
            if (stored > 0)
            {
                applied.Add(id);
            }
        }

        return applied;
    }

    /// <inheritdoc />
    public virtual async Task ReleaseAsync(DbContext context, IReadOnlyList<Guid> deliveryIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in deliveryIds.Chunk(500))
        {
            await context.Set<DeliveryRecord>()
                .Where(d => chunk.Contains(d.Id) && d.Status == DeliveryStatus.Delivering)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, DeliveryStatus.Pending)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAt, (long?)null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public virtual async Task<(int Deliveries, int Attempts)> PurgeAsync(DbContext context, long cutoffMs, CancellationToken cancellationToken)
    {
        var attempts = await context.Set<DeliveryAttemptRecord>().Where(a => a.StartedAt < cutoffMs)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        // By created_at, which is indexed, as the payloads and attempts are: on completed_at every run would scan the
        // whole log, holding a single writer's lock while it did.
        var deliveries = await context.Set<DeliveryRecord>()
            .Where(d => d.CreatedAt < cutoffMs && (d.Status == DeliveryStatus.Succeeded || d.Status == DeliveryStatus.Dead || d.Status == DeliveryStatus.Skipped))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

        // A payload goes with the last delivery that uses it. A payload and its deliveries are stored with the same
        // created_at, so the created_at index finds them without an index on payload_id.
        var deliveryRows = context.Set<DeliveryRecord>();
        await context.Set<DeliveryPayloadRecord>()
            .Where(p => p.CreatedAt < cutoffMs && !deliveryRows.Any(d => d.CreatedAt == p.CreatedAt && d.PayloadId == p.Id))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return (deliveries, attempts);
    }

    /// <inheritdoc />
    public virtual async Task<bool> TryAddStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken)
    {
        // Without an insert-if-absent statement the primary key decides: a duplicate insert fails, and the caller lost.
        context.Set<IntegrationStateRecord>().Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            if (await StateExistsAsync(context, row, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            throw;
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    /// <inheritdoc />
    public virtual async Task SetStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken)
    {
        // Update, else insert; an insert that loses to a concurrent one means the row now exists: update it.
        for (var attempt = 0; ; attempt++)
        {
            var updated = await context.Set<IntegrationStateRecord>()
                .Where(s => s.IntegrationId == row.IntegrationId && s.Key == row.Key)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Value, row.Value).SetProperty(s => s.UpdatedAt, row.UpdatedAt), cancellationToken)
                .ConfigureAwait(false);
            if (updated > 0 || await TryAddStateAsync(context, row, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (attempt == 2)
            {
                throw new InvalidOperationException(
                    $"Could not store state key '{row.Key}' of integration {row.IntegrationId}: it was removed and added again by others on every try.");
            }
        }
    }

    private static async Task<bool> StateExistsAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken) =>
        await context.Set<IntegrationStateRecord>().AsNoTracking()
            .AnyAsync(s => s.IntegrationId == row.IntegrationId && s.Key == row.Key, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public virtual async Task<(long Pending, long? OldestDueAt)> MeasureAsync(DbContext context, long nowMs, CancellationToken cancellationToken)
    {
        var pending = context.Set<DeliveryRecord>().Where(d => d.Status == DeliveryStatus.Pending);
        var depth = await pending.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = await pending.Where(d => d.NextAttemptAt <= nowMs).OrderBy(d => d.NextAttemptAt)
            .Select(d => (long?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return (depth, oldest);
    }

    /// <summary>The claim result: rows oldest due first, each with its payload (null if the payload row is missing).</summary>
    protected static DeliveryClaim Claimed(string token, List<DeliveryRecord> rows, IReadOnlyDictionary<Guid, string> payloads)
    {
        rows.Sort((a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt));
        return new DeliveryClaim(token, rows.ConvertAll(d => new ClaimedDelivery(d, payloads.GetValueOrDefault(d.PayloadId))));
    }
}
