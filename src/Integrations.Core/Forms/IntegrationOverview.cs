using Integrations.DeliveryLog;
using Integrations.Health;
using Integrations.Inheritance;
using Integrations.Registry;

namespace Integrations.Forms;

/// <summary>
/// The catalog of a scope for a settings page: every type available at its level with its setup, inheritance and
/// health, in one resolver lookup and one health query. Registered by <c>AddIntegrations</c> (scoped).
/// </summary>
public sealed class IntegrationOverview(IIntegrationCatalog catalog, IIntegrationResolver resolver, IDeliveryLog log)
{
    /// <summary>The types available at the scope's level, optionally only those whose title, slug or description contains <paramref name="search"/>.</summary>
    /// <param name="scope">A project, group or the instance.</param>
    /// <param name="search">Text to look for (ignoring case), or null for all.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<IReadOnlyList<IntegrationStatusSummary>> ListAsync(IntegrationScope scope, string? search = null, CancellationToken cancellationToken = default)
    {
        var level = scope.Kind switch
        {
            ScopeKind.Instance => IntegrationLevels.Instance,
            ScopeKind.Group => IntegrationLevels.Group,
            _ => IntegrationLevels.Project,
        };
        var entries = catalog.List(level)
            .Where(e => !e.AllowMultiplePerScope)
            .Where(e => string.IsNullOrWhiteSpace(search) || Matches(e, search.Trim()))
            .ToList();
        var effective = (await resolver.GetEffectiveAsync(scope, cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ids = effective.Values.Select(e => e.IntegrationId).ToList();
        var health = ids.Count == 0 ? new Dictionary<Guid, IntegrationHealth>() : await log.GetHealthAsync(ids, cancellationToken).ConfigureAwait(false);
        return entries.Select(entry => Summary(entry, scope, effective.GetValueOrDefault(entry.Slug), health)).ToList();
    }

    /// <summary>The summary of one type at a scope; null when the type is unknown or not available at the scope's level.</summary>
    /// <param name="scope">A project, group or the instance.</param>
    /// <param name="type">The type slug.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<IntegrationStatusSummary?> GetAsync(IntegrationScope scope, string type, CancellationToken cancellationToken = default) =>
        (await ListAsync(scope, null, cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => string.Equals(s.Type, type, StringComparison.Ordinal));

    private static IntegrationStatusSummary Summary(IntegrationCatalogEntry entry, IntegrationScope scope, EffectiveIntegration? effective,
        IReadOnlyDictionary<Guid, IntegrationHealth> health) => new()
    {
        Entry = entry,
        Scope = scope,
        Setup = effective is null ? IntegrationSetup.NotConfigured : effective.IsActive ? IntegrationSetup.Active : IntegrationSetup.Inactive,
        IntegrationId = effective?.IntegrationId,
        DefinedAt = effective?.DefinedAt,
        Health = effective is not null && health.TryGetValue(effective.IntegrationId, out var h) ? h : null,
    };

    private static bool Matches(IntegrationCatalogEntry entry, string search) =>
        entry.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Slug.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Description.Contains(search, StringComparison.OrdinalIgnoreCase);
}
