namespace Integrations.Health;

/// <summary>An integration's health changed (for example it was disabled, or recovered).</summary>
/// <param name="IntegrationId">The integration.</param>
/// <param name="IntegrationType">Its type slug.</param>
/// <param name="Previous">The status before.</param>
/// <param name="Current">The health now.</param>
/// <param name="Reason">Why, in a sentence for the owner (never a secret).</param>
/// <param name="Version">The stored health's version after this change: it grows with every write of the integration's
/// health, in every process. One process announces its changes in this order and never one older than the last it
/// announced; a listener that gathers changes from several processes (a shared table, a queue) keeps the one with the
/// highest version, which is the stored state.</param>
public sealed record IntegrationHealthChange(Guid IntegrationId, string IntegrationType, IntegrationHealthStatus Previous, IntegrationHealth Current, string Reason, int Version);
