namespace Integrations.Storage;

/// <summary>A delivery this worker claimed, with its event's payload JSON (null if the payload row is missing).</summary>
internal sealed record ClaimedDelivery(DeliveryRecord Delivery, string? Payload);
