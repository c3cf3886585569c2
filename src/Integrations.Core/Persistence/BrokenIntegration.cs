namespace Integrations.Persistence;

/// <summary>A stored integration that could not be loaded (unknown type, corrupt settings, undecryptable secret).</summary>
/// <param name="Id">The row id.</param>
/// <param name="Type">The stored type name.</param>
/// <param name="Scope">Where it is configured.</param>
/// <param name="Reason">Why it could not be loaded; never contains a secret.</param>
public sealed record BrokenIntegration(Guid Id, string Type, IntegrationScope Scope, string Reason);
