using Integrations.Health;

namespace Integrations.Worker;

/// <summary>Whether the outcome was stored (false when the lease was lost) and the health change to announce.</summary>
internal readonly record struct OutcomeStored(bool Recorded, IntegrationHealthChange? Change);
