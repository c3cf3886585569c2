using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Fields;
using Integrations.Properties;

namespace Integrations.Validation;

/// <summary>Binds a posted settings form to an integration: field values, the active flag, events and inheritance.</summary>
internal static class FormValueBinder
{
    public const string ActiveKey = "active";
    public const string UseDefaultSettingsKey = "use_default_settings";
    public const string EventsKey = "events";
    public const string InheritPrefix = "inherit_";
    private const string EventSuffix = "_events";

    public static void ApplyAll(Integration integration, IReadOnlyDictionary<string, string?> values)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Error(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        // Work out everything first, so a refused form changes nothing.
        var events = integration.EnabledEvents;
        if (values.TryGetValue(EventsKey, out var eventList))
        {
            events = IntegrationEventNames.Parse(eventList, out var unknown);
            foreach (var name in unknown)
            {
                Error(EventsKey, $"'{name}' is not an event name.");
            }
        }

        foreach (var (key, text) in values)
        {
            if (key.EndsWith(EventSuffix, StringComparison.Ordinal) && integration.Fields.All(f => f.Name != key))
            {
                if (!IntegrationEventNames.TryParse(key, out var single))
                {
                    Error(key, $"'{key}' is not an event.");
                    continue;
                }

                events = PropertyValueConverter.ParseBoolean(text) == true ? events | single : events & ~single;
            }
        }

        var unsupported = events & ~integration.SupportedEvents;
        if (unsupported != IntegrationEvents.None)
        {
            Error(EventsKey, $"{integration.Title} does not support {IntegrationEventNames.Format(unsupported)}.");
        }

        var inherited = new SortedSet<string>(integration.InheritedFields, StringComparer.Ordinal);
        var assignments = new List<(IntegrationField Field, string? Text)>();
        foreach (var field in integration.Fields)
        {
            var inheritKey = InheritPrefix + field.Name;
            bool? inherit = values.TryGetValue(inheritKey, out var inheritText) ? PropertyValueConverter.ParseBoolean(inheritText) ?? false : null;
            var posted = values.TryGetValue(field.Name, out var text) && !KeepsCurrent(integration, field, text);
            if (inherit == true)
            {
                if (posted)
                {
                    Error(field.Name, $"'{field.Title}' is posted with a value and as inherited; send one or the other.");
                    continue;
                }

                inherited.Add(field.Name);
                continue;
            }

            if (inherit == false || posted)
            {
                inherited.Remove(field.Name); // a value for an inherited field overrides it
            }

            if (posted)
            {
                assignments.Add((field, text));
            }
        }

        if (errors.Count > 0)
        {
            throw new IntegrationValidationException(
                new IntegrationValidationResult(errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value, StringComparer.Ordinal)),
                "The form cannot be applied: " + string.Join(" ", errors.SelectMany(e => e.Value)));
        }

        if (values.TryGetValue(ActiveKey, out var active))
        {
            integration.Active = PropertyValueConverter.ParseBoolean(active) ?? false;
        }

        if (values.TryGetValue(UseDefaultSettingsKey, out var useDefault))
        {
            integration.UseDefaultSettings = PropertyValueConverter.ParseBoolean(useDefault) ?? false;
        }

        if (events != integration.EnabledEvents)
        {
            integration.EnabledEvents = events;
        }

        if (!inherited.SetEquals(integration.InheritedFields))
        {
            integration.InheritedFields.Clear();
            integration.InheritedFields.UnionWith(inherited);
        }

        foreach (var (field, text) in assignments)
        {
            integration.SetRawValue(field.Name, field.Type == FieldType.KeyValue && !string.IsNullOrWhiteSpace(text)
                ? NamedValues.Parse(text, integration.Bag.GetRaw(field.Name))
                : ToNode(field, text));
        }
    }

    /// <summary>
    /// Whether a posted value means "keep what is stored": a blank or masked secret (the person did not re-enter it,
    /// GitLab's rule), or a URL posted back exactly as it was shown with its secrets masked.
    /// </summary>
    private static bool KeepsCurrent(Integration integration, IntegrationField field, string? text)
    {
        if (field.IsSecretValue)
        {
            return string.IsNullOrEmpty(text) || text == SecretMask.Value;
        }

        return text is not null && integration.GetRawValue(field.Name) is JsonValue current && current.TryGetValue<string>(out var stored)
            && !string.Equals(stored, text, StringComparison.Ordinal) && string.Equals(SecretMask.Url(stored), text, StringComparison.Ordinal);
    }

    private static JsonNode? ToNode(IntegrationField field, string? text)
    {
        if (field.Type == FieldType.Checkbox)
        {
            return PropertyValueConverter.ParseBoolean(text) is { } b ? JsonValue.Create(b) : JsonValue.Create(text);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        switch (field.Type)
        {
            case FieldType.Number:
                return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            case FieldType.StringList:
                return new JsonArray(PropertyValueConverter.SplitList(text).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            case FieldType.Text or FieldType.Select or FieldType.Password:
                return JsonValue.Create(text.Trim());
            default:
                return JsonValue.Create(text);
        }
    }
}
