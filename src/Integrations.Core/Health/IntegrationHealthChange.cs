namespace Integrations.Health;

/// <summary>An integration's health changed (for example it was disabled, or recovered).</summary>
/// <param name="IntegrationId">The integration.</param>
/// <param name="IntegrationType">Its type slug.</param>
/// <param name="Previous">The status before.</param>
/// <param name="Current">The health now.</param>
/// <param name="Reason">Why, in a sentence for the owner (never a secret).</param>
public sealed record IntegrationHealthChange(Guid IntegrationId, string IntegrationType, IntegrationHealthStatus Previous, IntegrationHealth Current, string Reason);
