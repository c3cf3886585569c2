namespace Integrations.Persistence;

/// <summary>Integrations read from the store, and the rows that could not be read.</summary>
/// <param name="Items">The integrations that loaded.</param>
/// <param name="Broken">The rows that were skipped, with the reason.</param>
public sealed record IntegrationList(IReadOnlyList<Integration> Items, IReadOnlyList<BrokenIntegration> Broken);
