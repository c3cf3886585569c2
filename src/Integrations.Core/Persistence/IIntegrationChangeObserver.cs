namespace Integrations.Persistence;

/// <summary>
/// Told when the store saved or deleted an integration of a scope, so what was computed from the stored rows (the
/// resolver's cache of effective integrations) is dropped. Keeps the store below the readers of its rows.
/// </summary>
internal interface IIntegrationChangeObserver
{
    /// <summary>An integration of <paramref name="scope"/> was saved or deleted.</summary>
    void ScopeChanged(IntegrationScope scope);
}
