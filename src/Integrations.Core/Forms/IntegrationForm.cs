using System.Globalization;
using System.Text.Json;
using Integrations.Fields;
using Integrations.Inheritance;
using Integrations.Serialization;

namespace Integrations.Forms;

/// <summary>
/// A settings form generated from an integration's field metadata, so every provider (and a host's own type) gets the
/// same page: sections of controls with their values (secrets never included), event checkboxes with their per-event
/// fields, per-field inheritance, and validation errors beside their fields. A host renders it in its own HTML; posting
/// the controls' names back to <see cref="Integration.ApplyFormValues"/> applies them.
/// </summary>
public sealed record IntegrationForm
{
    /// <summary>The type slug.</summary>
    public required string Type { get; init; }

    /// <summary>The type's title.</summary>
    public required string Title { get; init; }

    /// <summary>The type's description.</summary>
    public string? Description { get; init; }

    /// <summary>The type's help (where to find credentials, what to set up on the other side).</summary>
    public string? Help { get; init; }

    /// <summary>The scope the form edits.</summary>
    public required IntegrationScope Scope { get; init; }

    /// <summary>Whether the integration is active.</summary>
    public bool Active { get; init; }

    /// <summary>Whether it uses its ancestor's settings as a whole ("use default settings").</summary>
    public bool UseDefaultSettings { get; init; }

    /// <summary>Whether the scope has ancestors to inherit from (a group or a project): offer "use default settings".</summary>
    public bool CanUseDefaultSettings { get; init; }

    /// <summary>The concurrency version to post back with a change.</summary>
    public int Version { get; init; }

    /// <summary>The sections: connection details, configuration, a provider's own sections (in declaration order), trigger.</summary>
    public required IReadOnlyList<IntegrationFormSection> Sections { get; init; }

    /// <summary>The event checkboxes, in the type's supported-event order.</summary>
    public required IReadOnlyList<IntegrationFormEvent> Events { get; init; }

    /// <summary>Errors not tied to one field (a stale version, an unknown event).</summary>
    public IReadOnlyList<string> FormErrors { get; init; } = [];

    /// <summary>Every control, section by section, then the per-event ones.</summary>
    public IEnumerable<IntegrationFormField> AllFields =>
        Sections.SelectMany(s => s.Fields).Concat(Events.Where(e => e.Field is not null).Select(e => e.Field!));

    /// <summary>Builds the form of an integration: a saved one, a new one, or one with a rejected post applied.</summary>
    /// <param name="integration">The settings to show (the values as edited, when showing validation errors).</param>
    /// <param name="effective">
    /// Its effective settings (<see cref="IIntegrationResolver.PreviewAsync"/>), to say where inherited values come
    /// from; null to leave that out.
    /// </param>
    /// <param name="errors">Validation errors keyed by field or form key (<see cref="Validation.IntegrationValidationException.Errors"/>).</param>
    /// <param name="saved">
    /// When <paramref name="integration"/> holds edits that were not saved (a refused save, a test): the settings as
    /// saved (a new, empty instance when nothing is), so a secret typed but not saved is not offered as "keep the
    /// current one". Null when <paramref name="integration"/> is as saved.
    /// </param>
    public static IntegrationForm Build(Integration integration, EffectiveIntegration? effective = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? errors = null,
        Integration? saved = null)
    {
        ArgumentNullException.ThrowIfNull(integration);
        errors ??= new Dictionary<string, IReadOnlyList<string>>();
        var view = new Views(IntegrationSettingsView.From(integration), effective is null ? null : IntegrationSettingsView.From(effective.Settings), saved ?? integration);
        var canInherit = integration.Scope.Kind != ScopeKind.Instance;
        var channelFields = new Dictionary<string, IntegrationField>(StringComparer.Ordinal);
        foreach (var field in integration.Fields.Where(f => !f.ApiOnly && f.Name.EndsWith("_channel", StringComparison.Ordinal)))
        {
            channelFields[field.Name] = field;
        }

        var events = new List<IntegrationFormEvent>();
        var paired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in IntegrationEventNames.Split(integration.SupportedEvents))
        {
            var name = IntegrationEventNames.GetName(kind);
            IntegrationFormField? channel = null;
            if (channelFields.TryGetValue(name + "_channel", out var field))
            {
                channel = Control(field, integration, view, effective, errors, canInherit);
                paired.Add(field.Name);
            }

            events.Add(new IntegrationFormEvent(kind, IntegrationEventNames.GetFlagName(kind), FieldMetadataReader.Humanize(name), integration.EnabledEvents.HasFlag(kind), channel));
        }

        var sections = integration.Fields
            .Where(f => !f.ApiOnly && !paired.Contains(f.Name))
            .GroupBy(f => f.Section ?? FieldSections.Configuration, StringComparer.Ordinal)
            .Select(g => new IntegrationFormSection(g.Key, SectionTitle(g.Key), g.Select(f => Control(f, integration, view, effective, errors, canInherit)).ToList()))
            .OrderBy(s => SectionOrder(s.Name))
            .ToList();

        var fieldKeys = integration.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var formErrors = errors.Where(e => !fieldKeys.Contains(e.Key)).SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")).ToList();
        return new IntegrationForm
        {
            Type = integration.Type,
            Title = integration.Title,
            Description = string.IsNullOrEmpty(integration.Description) ? null : integration.Description,
            Help = integration.Help,
            Scope = integration.Scope,
            Active = integration.Active,
            UseDefaultSettings = integration.UseDefaultSettings,
            CanUseDefaultSettings = canInherit,
            Version = integration.Version,
            Sections = sections,
            Events = events,
            FormErrors = formErrors,
        };
    }

    /// <summary>GitLab's order: connection details, configuration, a provider's own sections, then trigger.</summary>
    private static int SectionOrder(string section) => section switch
    {
        FieldSections.Connection => 0,
        FieldSections.Configuration => 1,
        FieldSections.Trigger => 3,
        _ => 2,
    };

    /// <summary>The heading of a section key: GitLab's for the well-known ones, the key humanized otherwise.</summary>
    /// <param name="section">The section key.</param>
    public static string SectionTitle(string section) => section switch
    {
        FieldSections.Connection => "Connection details",
        FieldSections.Trigger => "Trigger",
        FieldSections.Configuration => "Configuration",
        _ => FieldMetadataReader.Humanize(section),
    };

    /// <summary>The integration as shown, its effective settings, and the settings as saved (for secrets).</summary>
    private sealed record Views(IntegrationSettingsView Own, IntegrationSettingsView? Effective, Integration Saved);

    private static IntegrationFormField Control(IntegrationField field, Integration integration, Views view, EffectiveIntegration? effective,
        IReadOnlyDictionary<string, IReadOnlyList<string>> errors, bool canInherit)
    {
        var inherits = integration.UseDefaultSettings || integration.InheritedFields.Contains(field.Name);
        var inheritedFrom = inherits && effective is not null && effective.SourceOf(field.Name) is { } source && source != integration.Scope ? source : (IntegrationScope?)null;
        var secretSet = field.IsSecretValue && field.Type != FieldType.KeyValue && inheritedFrom is null && view.Saved.HasValue(field.Name);
        var shown = inheritedFrom is not null && view.Effective is not null
            ? Text(field, view.Effective.Properties.GetValueOrDefault(field.Name)) ?? DefaultText(effective!.Settings.ReadField(field.Name))
            : Text(field, view.Own.Properties.GetValueOrDefault(field.Name)) ?? DefaultText(integration.ReadField(field.Name));
        return new IntegrationFormField
        {
            Field = field,
            Label = secretSet && !string.IsNullOrEmpty(field.NonEmptyPasswordTitle) ? field.NonEmptyPasswordTitle : field.Title ?? FieldMetadataReader.Humanize(field.Name),
            Help = secretSet && !string.IsNullOrEmpty(field.NonEmptyPasswordHelp) ? field.NonEmptyPasswordHelp : field.Help,
            Value = field.IsSecretValue && field.Type != FieldType.KeyValue ? null : shown,
            HasSecretValue = secretSet,
            InheritedFrom = inheritedFrom,
            CanInherit = canInherit,
            Errors = errors.TryGetValue(field.Name, out var mine) ? mine : [],
        };
    }

    /// <summary>A stored (already masked) value as the control's text.</summary>
    private static string? Text(IntegrationField field, JsonElement? value)
    {
        if (value is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.Array => string.Join(", ", element.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())),
            JsonValueKind.Object => string.Join('\n', element.EnumerateObject().Select(p =>
                p.Name + "=" + (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText()))),
            _ => element.GetRawText(),
        };
    }

    /// <summary>A default the typed property gives when nothing is stored, as the control's text.</summary>
    private static string? DefaultText(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        Enum e => SnakeCase.Convert(e.ToString()),
        string text => text,
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>Formats a scope for people: "the instance", "group platform", "project 42".</summary>
    /// <param name="scope">The scope.</param>
    public static string Describe(IntegrationScope scope) => scope.Kind switch
    {
        ScopeKind.Instance => "the instance",
        ScopeKind.Group => "group " + scope.Id,
        _ => "project " + scope.Id,
    };

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"IntegrationForm {{ Type = {Type}, Scope = {Scope}, Fields = {AllFields.Count()} }}");
}
