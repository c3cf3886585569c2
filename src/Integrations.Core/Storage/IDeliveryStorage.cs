using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage;

/// <summary>
/// Everything the delivery engine needs from a database, in one seam (as DotNetCore.CAP's <c>IDataStorage</c>): append
/// payloads, deliveries and attempts; claim due deliveries; apply outcomes; give claims back; purge old rows; measure
/// the outbox. <see cref="EfCoreDeliveryStorage"/> does it all on plain EF Core for any provider; the
/// Integrations.Sqlite and Integrations.PostgreSql packages replace the hot paths with their database's fastest form
/// (<c>.UseSqlite()</c>, <c>.UsePostgreSql()</c>). Every method runs in the context's current transaction, if any.
/// </summary>
internal interface IDeliveryStorage
{
    /// <summary>What the database can do.</summary>
    DeliveryStorageFeatures Features { get; }

    /// <summary>Inserts rows of one mapped entity (payloads, deliveries, attempt log entries).</summary>
    Task InsertAsync<T>(DbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class;

    /// <summary>
    /// Claims up to <paramref name="count"/> deliveries for a worker: first those whose lease ran out (their worker died),
    /// then due pending ones, oldest first, each stamped with a fresh lease token. Two workers never claim the same row.
    /// </summary>
    Task<DeliveryClaim> ClaimAsync(DbContext context, string workerId, int count, long nowMs, long leaseMs, CancellationToken cancellationToken);

    /// <summary>Stores outcomes, each only while its worker still holds the lease; returns the ids that were stored.</summary>
    Task<HashSet<Guid>> ApplyOutcomesAsync(DbContext context, IReadOnlyList<OutcomeRow> outcomes, CancellationToken cancellationToken);

    /// <summary>Gives claims back (pending again, no lease) for deliveries that were claimed and never started.</summary>
    Task ReleaseAsync(DbContext context, IReadOnlyList<Guid> deliveryIds, CancellationToken cancellationToken);

    /// <summary>Deletes finished deliveries, attempt entries and unused payloads created before the cutoff.</summary>
    Task<(int Deliveries, int Attempts)> PurgeAsync(DbContext context, long cutoffMs, CancellationToken cancellationToken);

    /// <summary>How many deliveries are pending, and when the oldest due one became due.</summary>
    Task<(long Pending, long? OldestDueAt)> MeasureAsync(DbContext context, long nowMs, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an integration's value under a key unless one is there: true when this call stored it. Atomic across
    /// connections and processes (the primary key decides), so exactly one of several concurrent callers wins.
    /// </summary>
    Task<bool> TryAddStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken);

    /// <summary>Stores an integration's value under a key, replacing any value there (an upsert).</summary>
    Task SetStateAsync(DbContext context, IntegrationStateRecord row, CancellationToken cancellationToken);
}
