namespace Integrations.Registry;

/// <summary>Per-type registration settings, given to <c>builder.Add&lt;T&gt;(o =&gt; …)</c>.</summary>
public sealed class IntegrationTypeOptions
{
    /// <summary>
    /// Whether the type is available right now (a feature flag or licence check). Unavailable types are hidden from
    /// the catalog, cannot be activated and are not run; their stored settings are kept.
    /// </summary>
    /// <value>Null by default: always available.</value>
    public Func<IServiceProvider, bool>? IsAvailable { get; set; }

    /// <summary>Overrides the levels declared by <see cref="IntegrationTypeAttribute.Levels"/>.</summary>
    /// <value>Null by default: the attribute's levels, or all.</value>
    public IntegrationLevels? Levels { get; set; }

    /// <summary>More legacy names stored rows may carry for this type.</summary>
    public IList<string> LegacyNames { get; } = [];
}
