using Integrations.Health;

namespace Integrations.DeliveryLog;

/// <summary>The queryable delivery history, resend, and integration health.</summary>
public interface IDeliveryLog
{
    /// <summary>Lists deliveries, newest first.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<DeliveryPage> QueryAsync(DeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many deliveries match each status (every status is present, zero when none match), for "is anything pending?"
    /// without paging. <see cref="DeliveryQuery.Status"/>, <see cref="DeliveryQuery.Page"/> and
    /// <see cref="DeliveryQuery.PageSize"/> are ignored.
    /// </summary>
    /// <param name="query">Filters (integration, project, event, time range); all deliveries when null.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyDictionary<DeliveryStatus, long>> CountAsync(DeliveryQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one delivery.</summary>
    /// <param name="deliveryId">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<DeliverySummary?> GetAsync(Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>The logged attempts of a delivery, first to last.</summary>
    /// <param name="deliveryId">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<DeliveryAttempt>> GetAttemptsAsync(Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a delivery again now, with a fresh retry schedule. It keeps its id, so receivers that de-duplicate on
    /// <c>webhook-id</c> or <c>Idempotency-Key</c> recognise it.
    /// </summary>
    /// <param name="deliveryId">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>False when there is no such delivery or it is being delivered right now.</returns>
    Task<bool> ResendAsync(Guid deliveryId, CancellationToken cancellationToken = default);

    /// <summary>Sends again every dead delivery created in a time range (optionally of one integration).</summary>
    /// <param name="from">Created at or after.</param>
    /// <param name="to">Created before.</param>
    /// <param name="integrationId">Only this integration's deliveries.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>How many deliveries were queued again.</returns>
    Task<int> ResendFailedAsync(DateTimeOffset from, DateTimeOffset to, Guid? integrationId = null, CancellationToken cancellationToken = default);

    /// <summary>An integration's delivery health.</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IntegrationHealth> GetHealthAsync(Guid integrationId, CancellationToken cancellationToken = default);

    /// <summary>The health of many integrations in one query (a catalog or list page).</summary>
    /// <param name="integrationIds">The integrations.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One entry per distinct id; integrations that never failed are healthy.</returns>
    Task<IReadOnlyDictionary<Guid, IntegrationHealth>> GetHealthAsync(IEnumerable<Guid> integrationIds, CancellationToken cancellationToken = default);
}
