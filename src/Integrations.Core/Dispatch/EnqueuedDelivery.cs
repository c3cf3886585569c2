namespace Integrations.Dispatch;

/// <summary>A delivery created by a dispatch.</summary>
/// <param name="DeliveryId">The delivery id (<c>webhook-id</c>).</param>
/// <param name="IntegrationId">The integration it goes to.</param>
/// <param name="IntegrationType">The integration's type slug.</param>
public sealed record EnqueuedDelivery(Guid DeliveryId, Guid IntegrationId, string IntegrationType);
