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
    /// <summary>
    /// The types available at the scope's level that allow one integration per scope (the integrations catalog),
    /// optionally only those whose title, slug or description contains <paramref name="search"/>. Types that allow several
    /// per scope (webhooks) are listed per integration by <see cref="ListEachAsync"/>.
    /// </summary>
    /// <param name="scope">A project, group or the instance.</param>
    /// <param name="search">Text to look for (ignoring case), or null for all.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<IReadOnlyList<IntegrationStatusSummary>> ListAsync(IntegrationScope scope, string? search = null, CancellationToken cancellationToken = default)
    {
        var entries = catalog.List(LevelOf(scope))
            .Where(e => !e.AllowMultiplePerScope)
            .Where(e => string.IsNullOrWhiteSpace(search) || Matches(e, search.Trim()))
            .ToList();
        var effective = (await resolver.GetEffectiveAsync(scope, cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var ids = effective.Values.Select(e => e.IntegrationId).ToList();
        var health = ids.Count == 0 ? new Dictionary<Guid, IntegrationHealth>() : await log.GetHealthAsync(ids, cancellationToken).ConfigureAwait(false);
        return entries.Select(entry => Summary(entry, scope, effective.GetValueOrDefault(entry.Slug), health)).ToList();
    }

    /// <summary>
    /// Every integration of a type that allows several per scope (a webhook type, the host's own included) that applies
    /// at the scope, its own and those of ancestors that add up, each with its setup, where it is defined and its health.
    /// Empty when none is configured, or when the type is unknown or not available at the scope's level.
    /// </summary>
    /// <param name="scope">A project, group or the instance.</param>
    /// <param name="type">The type slug.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    public async Task<IReadOnlyList<IntegrationStatusSummary>> ListEachAsync(IntegrationScope scope, string type, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        var entry = catalog.List(LevelOf(scope)).FirstOrDefault(e => string.Equals(e.Slug, type, StringComparison.Ordinal));
        if (entry is null)
        {
            return [];
        }

        var effective = (await resolver.GetEffectiveAsync(scope, cancellationToken).ConfigureAwait(false))
            .Where(e => string.Equals(e.Type, type, StringComparison.Ordinal)).ToList();
        var health = effective.Count == 0 ? new Dictionary<Guid, IntegrationHealth>()
            : await log.GetHealthAsync(effective.Select(e => e.IntegrationId), cancellationToken).ConfigureAwait(false);
        return effective.Select(e => Summary(entry, scope, e, health)).ToList();
    }

    /// <summary>
    /// The summary of one type at a scope; null when the type is unknown, not available at the scope's level, or allows
    /// several per scope (use <see cref="ListEachAsync"/> for those).
    /// </summary>
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

    private static IntegrationLevels LevelOf(IntegrationScope scope) => scope.Kind switch
    {
        ScopeKind.Instance => IntegrationLevels.Instance,
        ScopeKind.Group => IntegrationLevels.Group,
        _ => IntegrationLevels.Project,
    };

    private static bool Matches(IntegrationCatalogEntry entry, string search) =>
        entry.Title.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Slug.Contains(search, StringComparison.OrdinalIgnoreCase)
        || entry.Description.Contains(search, StringComparison.OrdinalIgnoreCase);
}
