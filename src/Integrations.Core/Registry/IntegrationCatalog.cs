using Microsoft.Extensions.Options;

namespace Integrations.Registry;

/// <summary>The catalog over the registry, the allow-list (<see cref="IntegrationsOptions.ApprovedTypes"/>) and feature flags.</summary>
internal sealed class IntegrationCatalog : IIntegrationCatalog
{
    private readonly IIntegrationRegistry _registry;
    private readonly IOptionsMonitor<IntegrationsOptions> _options;
    private readonly IServiceProvider _services;

    public IntegrationCatalog(IIntegrationRegistry registry, IOptionsMonitor<IntegrationsOptions> options, IServiceProvider services)
    {
        _registry = registry;
        _options = options;
        _services = services;
    }

    public IReadOnlyList<IntegrationCatalogEntry> List(IntegrationLevels level = IntegrationLevels.All, bool includeUnusable = false) =>
        _registry.Types
            .Where(d => (d.Levels & level) != 0)
            .Select(ToEntry)
            .Where(e => includeUnusable || (e.IsApproved && e.IsAvailable))
            .OrderBy(e => e.Title, StringComparer.OrdinalIgnoreCase)
            .ToArray();

    public IntegrationCatalogEntry? Find(string slug) => _registry.TryGet(slug, out var d) ? ToEntry(d) : null;

    public bool CanActivate(string slug, out string? reason)
    {
        if (!_registry.TryGet(slug, out var d))
        {
            reason = $"The integration type '{slug}' is not registered.";
            return false;
        }

        if (!IsApproved(d))
        {
            reason = $"The '{d.Title}' integration is not approved for use on this instance. An administrator can add '{d.Slug}' to the approved integrations.";
            return false;
        }

        if (!d.IsAvailable(_services))
        {
            reason = $"The '{d.Title}' integration is not available on this instance right now.";
            return false;
        }

        reason = null;
        return true;
    }

    private bool IsApproved(IntegrationTypeDescriptor d) => _options.CurrentValue.ApprovedTypes is not { } approved || approved.Contains(d.Slug);

    private IntegrationCatalogEntry ToEntry(IntegrationTypeDescriptor d) => new()
    {
        Slug = d.Slug,
        Title = d.Title,
        Description = d.Description,
        Help = d.Help,
        Fields = d.Fields,
        SupportedEvents = IntegrationEventNames.ToNames(d.SupportedEvents),
        DefaultEvents = IntegrationEventNames.ToNames(d.DefaultEvents),
        Levels = LevelNames(d.Levels),
        AllowMultiplePerScope = d.AllowMultiplePerScope,
        IsApproved = IsApproved(d),
        IsAvailable = d.IsAvailable(_services),
    };

    private static string[] LevelNames(IntegrationLevels levels) =>
        new[] { (IntegrationLevels.Instance, "instance"), (IntegrationLevels.Group, "group"), (IntegrationLevels.Project, "project") }
            .Where(l => (levels & l.Item1) != 0).Select(l => l.Item2).ToArray();
}
