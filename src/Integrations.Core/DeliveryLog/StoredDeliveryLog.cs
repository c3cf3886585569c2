using Integrations.Health;
using Integrations.Persistence;
using Integrations.Storage;
using Integrations.Worker;
using Microsoft.EntityFrameworkCore;

namespace Integrations.DeliveryLog;

/// <summary>The EF Core implementation of <see cref="IDeliveryLog"/>.</summary>
internal sealed class StoredDeliveryLog : IDeliveryLog
{
    private readonly IIntegrationsDbContextProvider _db;
    private readonly TimeProvider _time;
    private readonly DeliverySignal _signal;

    public StoredDeliveryLog(IIntegrationsDbContextProvider db, TimeProvider time, DeliverySignal signal)
    {
        _db = db;
        _time = time;
        _signal = signal;
    }

    private DbSet<DeliveryRecord> Deliveries => _db.Context.Set<DeliveryRecord>();

    public async Task<DeliveryPage> QueryAsync(DeliveryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(query.PageSize is >= 1 and <= 500, true, nameof(query.PageSize));
        var rows = Filter(query);
        if (query.Status is { } status)
        {
            rows = rows.Where(d => d.Status == status);
        }

        var page = await rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize + 1)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DeliveryPage(page.Take(query.PageSize).Select(ToSummary).ToArray(), query.Page, query.PageSize, page.Count > query.PageSize);
    }

    public async Task<IReadOnlyDictionary<DeliveryStatus, long>> CountAsync(DeliveryQuery? query = null, CancellationToken cancellationToken = default)
    {
        var counts = await Filter(query ?? new DeliveryQuery()).GroupBy(d => d.Status).Select(g => new { Status = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
    }

    /// <summary>The rows matching every filter of the query but its status.</summary>
    private IQueryable<DeliveryRecord> Filter(DeliveryQuery query)
    {
        var rows = Deliveries.AsNoTracking();
        if (query.IntegrationId is { } integrationId)
        {
            rows = rows.Where(d => d.IntegrationId == integrationId);
        }

        if (query.ProjectId is { } projectId)
        {
            rows = rows.Where(d => d.ProjectId == projectId);
        }

        if (query.Event is { } kind)
        {
            var name = IntegrationEventNames.GetName(kind);
            rows = rows.Where(d => d.EventKind == name);
        }

        if (query.From is { } from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            rows = rows.Where(d => d.CreatedAt >= ms);
        }

        if (query.To is { } to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            rows = rows.Where(d => d.CreatedAt < ms);
        }

        return rows;
    }

    public async Task<DeliverySummary?> GetAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var row = await Deliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToSummary(row);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var rows = await _db.Context.Set<DeliveryAttemptRecord>().AsNoTracking()
            .Where(a => a.DeliveryId == deliveryId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Any(a => a.RequestBodyIsPayload))
        {
            // The body these attempts sent is the event's payload, stored once in the payloads table.
            var deliveries = Deliveries.AsNoTracking().Where(d => d.Id == deliveryId).Select(d => d.PayloadId);
            var body = await _db.Context.Set<DeliveryPayloadRecord>().AsNoTracking().Where(p => deliveries.Contains(p.Id))
                .Select(p => p.Body).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            foreach (var attempt in rows.Where(a => a.RequestBodyIsPayload))
            {
                attempt.RequestBody = body;
            }
        }

        return rows.OrderBy(a => a.StartedAt).ThenBy(a => a.AttemptNumber).Select(DeliveryAttempt.From).ToArray();
    }

    public async Task<bool> ResendAsync(Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var updated = await Requeue(Deliveries.Where(d => d.Id == deliveryId && d.Status != DeliveryStatus.Delivering), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    public async Task<int> ResendFailedAsync(DateTimeOffset from, DateTimeOffset to, Guid? integrationId = null, CancellationToken cancellationToken = default)
    {
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var rows = Deliveries.Where(d => d.Status == DeliveryStatus.Dead && d.CreatedAt >= fromMs && d.CreatedAt < toMs);
        if (integrationId is { } id)
        {
            rows = rows.Where(d => d.IntegrationId == id);
        }

        return await Requeue(rows, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IntegrationHealth> GetHealthAsync(Guid integrationId, CancellationToken cancellationToken = default)
    {
        var record = await IntegrationHealthService.GetAsync(_db.Context, integrationId, cancellationToken).ConfigureAwait(false);
        return IntegrationHealth.From(record, integrationId, _time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public async Task<IReadOnlyDictionary<Guid, IntegrationHealth>> GetHealthAsync(IEnumerable<Guid> integrationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationIds);
        var ids = integrationIds.Distinct().ToList();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = new Dictionary<Guid, IntegrationHealthRecord>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var row in await _db.Context.Set<IntegrationHealthRecord>().AsNoTracking().Where(h => chunk.Contains(h.IntegrationId))
                         .ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                rows[row.IntegrationId] = row;
            }
        }

        return ids.ToDictionary(id => id, id => IntegrationHealth.From(rows.GetValueOrDefault(id), id, now));
    }

    private async Task<int> Requeue(IQueryable<DeliveryRecord> rows, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var updated = await rows.ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, DeliveryStatus.Pending)
            .SetProperty(d => d.Attempts, 0)
            .SetProperty(d => d.NextAttemptAt, now)
            .SetProperty(d => d.CompletedAt, (long?)null)
            .SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (long?)null), cancellationToken).ConfigureAwait(false);
        if (updated > 0)
        {
            _signal.Notify();
        }

        return updated;
    }

    private static DeliverySummary ToSummary(DeliveryRecord d) => new(
        d.Id, d.EventId, d.IntegrationId, d.IntegrationType, d.ProjectId, d.EventKind, d.Status, d.Attempts,
        DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
        d.Status == DeliveryStatus.Pending ? DateTimeOffset.FromUnixTimeMilliseconds(d.NextAttemptAt) : null,
        d.CompletedAt is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
        d.LastStatusCode, d.LastError);
}
