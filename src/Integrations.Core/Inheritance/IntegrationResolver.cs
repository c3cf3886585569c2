using Integrations.Persistence;
using Integrations.Properties;
using Integrations.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Inheritance;

/// <summary>Resolves effective integrations from the rows of a scope's ancestry, read in one query.</summary>
internal sealed class IntegrationResolver : IIntegrationResolver
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IScopeHierarchy _hierarchy;
    private readonly IIntegrationRegistry _registry;
    private readonly IIntegrationCatalog _catalog;
    private readonly EffectiveIntegrationCache _cache;

    public IntegrationResolver(IServiceScopeFactory scopes, IScopeHierarchy hierarchy, IIntegrationRegistry registry, IIntegrationCatalog catalog, EffectiveIntegrationCache cache)
    {
        _scopes = scopes;
        _hierarchy = hierarchy;
        _registry = registry;
        _catalog = catalog;
        _cache = cache;
    }

    public async Task<IReadOnlyList<EffectiveIntegration>> GetEffectiveAsync(IntegrationScope scope, CancellationToken cancellationToken = default)
    {
        if (_cache.TryGet(scope, out var cached))
        {
            return cached;
        }

        return await _cache.LoadOnceAsync(scope, () => LoadAsync(scope)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and resolves a scope in a DI scope of its own, so callers that join the load may leave early.</summary>
    private async Task<IReadOnlyList<EffectiveIntegration>> LoadAsync(IntegrationScope scope)
    {
        var chain = await ChainAsync(scope, CancellationToken.None).ConfigureAwait(false);
        var generations = _cache.Snapshot(chain);
        var services = _scopes.CreateAsyncScope();
        await using (services.ConfigureAwait(false))
        {
            var rows = await services.ServiceProvider.GetRequiredService<IntegrationStore>().ListForScopesAsync(chain, CancellationToken.None).ConfigureAwait(false);
            var resolved = Resolve(scope, chain, rows.Items);
            _cache.Set(scope, chain, generations, resolved);
            return resolved;
        }
    }

    public async Task<EffectiveIntegration?> GetEffectiveAsync(IntegrationScope scope, string type, CancellationToken cancellationToken = default)
    {
        var slug = _registry.Get(type).Slug;
        var all = await GetEffectiveAsync(scope, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(e => e.Type == slug);
    }

    public async Task<EffectiveIntegration> PreviewAsync(Integration edited, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edited);
        var chain = await ChainAsync(edited.Scope, cancellationToken).ConfigureAwait(false);
        var services = _scopes.CreateAsyncScope();
        await using (services.ConfigureAwait(false))
        {
            var stored = await services.ServiceProvider.GetRequiredService<IntegrationStore>().ListForScopesAsync(chain, cancellationToken).ConfigureAwait(false);
            var single = !_registry.Get(edited.Type).AllowMultiplePerScope;

            // The edited integration takes the place of its saved row (or of the row it would replace at its scope).
            var rows = stored.Items
                .Where(r => r.Type == edited.Type && r.Id != edited.Id && !(single && r.Scope == edited.Scope))
                .Append(edited)
                .ToList();
            return Resolve(edited.Scope, chain, rows).First(e => e.IntegrationId == edited.Id);
        }
    }

    public void Invalidate(IntegrationScope? scope = null)
    {
        if (scope is { } s)
        {
            _cache.Invalidate(s);
        }
        else
        {
            _cache.Clear();
        }
    }

    private async Task<IReadOnlyList<IntegrationScope>> ChainAsync(IntegrationScope scope, CancellationToken cancellationToken)
    {
        if (scope.Kind == ScopeKind.Instance)
        {
            return [IntegrationScope.Instance];
        }

        var groups = await _hierarchy.GetAncestorGroupIdsAsync(scope, cancellationToken).ConfigureAwait(false);
        var chain = new List<IntegrationScope>(groups.Count + 2) { scope };
        chain.AddRange(groups.Select(IntegrationScope.Group));
        chain.Add(IntegrationScope.Instance);
        return chain;
    }

    private List<EffectiveIntegration> Resolve(IntegrationScope scope, IReadOnlyList<IntegrationScope> chain, IReadOnlyList<Integration> rows)
    {
        var position = new Dictionary<IntegrationScope, int>();
        for (var i = 0; i < chain.Count; i++)
        {
            position[chain[i]] = i;
        }

        var result = new List<EffectiveIntegration>();
        foreach (var byType in rows.GroupBy(r => r.Type, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var descriptor = _registry.Get(byType.Key);
            var usable = _catalog.CanActivate(descriptor.Slug, out _);
            if (descriptor.AllowMultiplePerScope)
            {
                foreach (var row in byType.OrderBy(r => position[r.Scope]).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id))
                {
                    var sources = row.Fields.ToDictionary(f => f.Name, _ => row.Scope, StringComparer.Ordinal);
                    result.Add(new EffectiveIntegration(Freeze(descriptor, row, row.Bag.Clone()), scope, row.Scope, row.Scope, sources, usable));
                }

                continue;
            }

            // One row per level at most; index them by their position in the chain (0 = the scope itself).
            var levels = new Integration?[chain.Count];
            foreach (var row in byType)
            {
                levels[position[row.Scope]] ??= row;
            }

            var resolved = ResolveFrom(descriptor, levels, 0);
            if (resolved is not null)
            {
                result.Add(new EffectiveIntegration(resolved.Settings, scope, resolved.DefinedAt, resolved.SettingsSource, resolved.FieldSources, usable));
            }
        }

        return result;
    }

    /// <summary>The effective settings from chain position <paramref name="start"/> upwards, or null when no level has a row.</summary>
    private static Resolution? ResolveFrom(IntegrationTypeDescriptor descriptor, Integration?[] levels, int start)
    {
        var index = Array.FindIndex(levels, start, r => r is not null);
        if (index < 0)
        {
            return null;
        }

        var row = levels[index]!;
        var parent = row.UseDefaultSettings || row.InheritedFields.Count > 0 ? ResolveFrom(descriptor, levels, index + 1) : null;
        if (row.UseDefaultSettings && parent is not null)
        {
            // "Use default settings": values, active flag and events all come from the ancestor; the row is still the one deciding for this scope.
            var inherited = Freeze(descriptor, row, parent.Settings.Bag.Clone(), parent.Settings);
            return new Resolution(inherited, row.Scope, parent.SettingsSource, parent.FieldSources);
        }

        var bag = row.Bag.Clone();
        var sources = new Dictionary<string, IntegrationScope>(StringComparer.Ordinal);
        foreach (var field in row.Fields)
        {
            if (parent is not null && row.InheritedFields.Contains(field.Name))
            {
                bag.Load(field.Name, parent.Settings.Bag.GetRaw(field.Name)?.DeepClone());
                sources[field.Name] = parent.FieldSources.GetValueOrDefault(field.Name, parent.DefinedAt);
            }
            else
            {
                sources[field.Name] = row.Scope;
            }
        }

        return new Resolution(Freeze(descriptor, row, bag), row.Scope, row.Scope, sources);
    }

    /// <summary>A read-only copy of <paramref name="row"/> holding <paramref name="bag"/>; state from <paramref name="stateFrom"/> when inheriting everything.</summary>
    private static Integration Freeze(IntegrationTypeDescriptor descriptor, Integration row, PropertyBag bag, Integration? stateFrom = null)
    {
        var copy = descriptor.CreateInstance();
        copy.Id = row.Id;
        copy.Scope = row.Scope;
        copy.PersistedScope = row.Scope;
        copy.Active = (stateFrom ?? row).Active;
        copy.EnabledEvents = (stateFrom ?? row).EnabledEvents;
        copy.UseDefaultSettings = row.UseDefaultSettings;
        foreach (var name in row.InheritedFields)
        {
            copy.InheritedFields.Add(name);
        }

        copy.Version = row.Version;
        copy.CreatedAt = row.CreatedAt;
        copy.UpdatedAt = row.UpdatedAt;
        bag.Freeze();
        copy.ReplaceBag(bag);
        copy.IsReadOnly = true;
        return copy;
    }

    private sealed record Resolution(Integration Settings, IntegrationScope DefinedAt, IntegrationScope SettingsSource, IReadOnlyDictionary<string, IntegrationScope> FieldSources);
}
