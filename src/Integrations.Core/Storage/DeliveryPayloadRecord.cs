namespace Integrations.Storage;

/// <summary>
/// One row of <c>integration_payloads</c>: an event's payload JSON, written once when the event is dispatched and shared
/// by all of its deliveries (an event sent to ten integrations stores its payload once, not ten times). Retention
/// deletes it with the last delivery that uses it.
/// </summary>
internal sealed class DeliveryPayloadRecord
{
    /// <summary>The payload id (<see cref="DeliveryRecord.PayloadId"/>).</summary>
    public Guid Id { get; set; }

    /// <summary>When it was stored (Unix ms): the same value as its deliveries' <see cref="DeliveryRecord.CreatedAt"/>, which retention relies on.</summary>
    public long CreatedAt { get; set; }

    /// <summary>The payload JSON.</summary>
    public string Body { get; set; } = "{}";
}
