namespace Integrations.Inheritance;

/// <summary>
/// Resolves which integration settings apply to a scope (instance → groups → project) at read time, with no row
/// copying, and caches the answer until something in the scope's ancestry changes.
/// </summary>
public interface IIntegrationResolver
{
    /// <summary>
    /// The effective integrations of a scope: for each type allowed once per scope, the scope's own row or the nearest
    /// ancestor's, with "use default settings" and per-field inheritance applied; for types allowed many times
    /// (webhooks), every row of the scope and its ancestors. Inactive ones are included with <see cref="EffectiveIntegration.IsActive"/> false.
    /// </summary>
    /// <param name="scope">A project, group or the instance.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<IReadOnlyList<EffectiveIntegration>> GetEffectiveAsync(IntegrationScope scope, CancellationToken cancellationToken = default);

    /// <summary>The effective integration of one type for a scope, or null when no level configures it.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="type">The slug.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    Task<EffectiveIntegration?> GetEffectiveAsync(IntegrationScope scope, string type, CancellationToken cancellationToken = default);

    /// <summary>
    /// The effective settings an edited integration would have if it were saved as it is now: its own values merged with
    /// what it inherits from its scope's ancestors, exactly as a delivery would see them. Nothing is stored or cached.
    /// Used by "Test settings"; a settings page can show it as a preview.
    /// </summary>
    /// <param name="edited">The integration as edited (saved or not).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<EffectiveIntegration> PreviewAsync(Integration edited, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets cached results for a scope and everything below it (or everything, with no scope). Saves and deletes
    /// through the store do this themselves; call it when the host's hierarchy changes (a project moved to another group).
    /// </summary>
    /// <param name="scope">The scope whose ancestry changed, or null for all.</param>
    void Invalidate(IntegrationScope? scope = null);
}
