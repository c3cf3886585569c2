namespace Integrations.Storage;

/// <summary>The deliveries one claim won, with the lease token that guards their outcomes.</summary>
/// <param name="Token">The lease token.</param>
/// <param name="Deliveries">The claimed deliveries with their payloads, oldest due first.</param>
internal sealed record DeliveryClaim(string Token, List<ClaimedDelivery> Deliveries);
