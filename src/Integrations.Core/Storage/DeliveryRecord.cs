namespace Integrations.Storage;

/// <summary>
/// One row of <c>integration_deliveries</c>: the outbox entry for one event to one integration, and its state. Times are
/// Unix milliseconds so every database can index and order them.
/// </summary>
internal sealed class DeliveryRecord
{
    /// <summary>The delivery id: <c>webhook-id</c> and <c>Idempotency-Key</c>, kept across retries and resends.</summary>
    public Guid Id { get; set; }

    /// <summary>The event id (<c>X-Gitlab-Event-UUID</c>).</summary>
    public Guid EventId { get; set; }

    /// <summary>The integration row that decided the delivery.</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>The integration type slug.</summary>
    public string IntegrationType { get; set; } = string.Empty;

    /// <summary>The project the event happened in.</summary>
    public string ProjectId { get; set; } = string.Empty;

    /// <summary>The event name (<c>push</c>).</summary>
    public string EventKind { get; set; } = string.Empty;

    /// <summary>The <see cref="DeliveryPayloadRecord"/> holding the payload JSON, shared by every delivery of the event.</summary>
    public Guid PayloadId { get; set; }

    /// <summary>The state.</summary>
    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due (Unix ms).</summary>
    public long NextAttemptAt { get; set; }

    /// <summary>The claim token of the worker holding it.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When the worker's lease runs out (Unix ms); after that any worker may reclaim it.</summary>
    public long? LeaseExpiresAt { get; set; }

    /// <summary>When it was enqueued (Unix ms).</summary>
    public long CreatedAt { get; set; }

    /// <summary>When it succeeded or died (Unix ms).</summary>
    public long? CompletedAt { get; set; }

    /// <summary>The HTTP status of the last attempt, if any.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>What went wrong last, if anything (never a secret).</summary>
    public string? LastError { get; set; }
}
