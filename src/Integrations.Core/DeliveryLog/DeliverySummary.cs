namespace Integrations.DeliveryLog;

/// <summary>A delivery as listed by <see cref="IDeliveryLog"/>.</summary>
/// <param name="Id">The delivery id (<c>webhook-id</c>).</param>
/// <param name="EventId">The event id.</param>
/// <param name="IntegrationId">The integration.</param>
/// <param name="IntegrationType">Its type slug.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Event">The event name.</param>
/// <param name="Status">The state.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="NextAttemptAt">When the next attempt is due (for pending deliveries).</param>
/// <param name="CompletedAt">When it succeeded or died.</param>
/// <param name="LastStatusCode">The last HTTP status.</param>
/// <param name="LastError">The last error.</param>
public sealed record DeliverySummary(
    Guid Id,
    Guid EventId,
    Guid IntegrationId,
    string IntegrationType,
    string ProjectId,
    string Event,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? CompletedAt,
    int? LastStatusCode,
    string? LastError);
