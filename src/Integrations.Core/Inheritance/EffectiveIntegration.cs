namespace Integrations.Inheritance;

/// <summary>
/// The integration of one type that applies to a scope once inheritance is resolved, with where each value came
/// from. <see cref="Settings"/> is read-only and may be shared: load the integration from the store to edit it.
/// </summary>
public sealed class EffectiveIntegration
{
    internal EffectiveIntegration(
        Integration settings,
        IntegrationScope appliesTo,
        IntegrationScope definedAt,
        IntegrationScope settingsSource,
        IReadOnlyDictionary<string, IntegrationScope> fieldSources,
        bool isUsable)
    {
        Settings = settings;
        AppliesTo = appliesTo;
        DefinedAt = definedAt;
        SettingsSource = settingsSource;
        FieldSources = fieldSources;
        IsActive = settings.Active && isUsable;
    }

    /// <summary>The merged settings (typed: cast to the integration class), read-only.</summary>
    public Integration Settings { get; }

    /// <summary>The type slug.</summary>
    public string Type => Settings.Type;

    /// <summary>The id of the integration row that decides for this scope: the scope's own row, or the ancestor's it inherits.</summary>
    public Guid IntegrationId => Settings.Id;

    /// <summary>The scope this view was resolved for.</summary>
    public IntegrationScope AppliesTo { get; }

    /// <summary>Where the deciding row is configured (<see cref="AppliesTo"/> itself, or an ancestor when the scope has no row).</summary>
    public IntegrationScope DefinedAt { get; }

    /// <summary>Where the active flag and events come from (an ancestor when the row uses default settings).</summary>
    public IntegrationScope SettingsSource { get; }

    /// <summary>Where each field's value comes from, keyed by field name.</summary>
    public IReadOnlyDictionary<string, IntegrationScope> FieldSources { get; }

    /// <summary>Whether the scope has no row of its own or its row uses default settings.</summary>
    public bool IsInherited => DefinedAt != AppliesTo || SettingsSource != AppliesTo;

    /// <summary>Whether the integration runs for this scope: active, and its type approved and available.</summary>
    public bool IsActive { get; }

    /// <summary>Where a field's value comes from.</summary>
    /// <param name="fieldName">The field name.</param>
    public IntegrationScope SourceOf(string fieldName) => FieldSources.TryGetValue(fieldName, out var source) ? source : DefinedAt;

    /// <summary>A one-line description with secrets masked.</summary>
    public override string ToString() =>
        $"{Settings} — for {AppliesTo}, from {DefinedAt}" + (SettingsSource != DefinedAt ? $" (settings from {SettingsSource})" : string.Empty);
}
