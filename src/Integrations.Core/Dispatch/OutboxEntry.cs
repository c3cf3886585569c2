using Integrations.Storage;

namespace Integrations.Dispatch;

/// <summary>What one dispatch stores: the event's payload once, and a delivery per subscribed integration.</summary>
internal sealed record OutboxEntry(DeliveryPayloadRecord Payload, IReadOnlyList<DeliveryRecord> Deliveries);
