namespace Integrations.Registry;

/// <summary>The integration types a person can pick from, with their metadata, approval and availability.</summary>
public interface IIntegrationCatalog
{
    /// <summary>Lists the types usable at a level, ordered by title.</summary>
    /// <param name="level">The level being configured; types not allowed there are left out.</param>
    /// <param name="includeUnusable">Whether to include types that are unavailable or not approved (for an admin view).</param>
    IReadOnlyList<IntegrationCatalogEntry> List(IntegrationLevels level = IntegrationLevels.All, bool includeUnusable = false);

    /// <summary>Finds one type's entry by slug or legacy name.</summary>
    /// <param name="slug">The slug.</param>
    IntegrationCatalogEntry? Find(string slug);

    /// <summary>Whether a type may be activated: registered, approved by the allow-list and available.</summary>
    /// <param name="slug">The slug.</param>
    /// <param name="reason">Why not, in a sentence a person can act on.</param>
    bool CanActivate(string slug, out string? reason);
}
