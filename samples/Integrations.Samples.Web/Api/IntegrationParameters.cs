using System.Text.Json.Nodes;

namespace Integrations.Samples.Web.Api;

/// <summary>
/// Turns API parameters into what <see cref="Integration.ApplyFormValues"/> binds: fields by name, GitLab's event flags
/// (unknown flags such as <c>repository_update_events</c> are ignored, as GitLab ignores unknown parameters), and
/// named values sent as GitLab's <c>[{"key": …, "value": …}]</c> arrays, and lists sent as JSON arrays or comma-separated text.
/// </summary>
internal static class IntegrationParameters
{
    public static Dictionary<string, string?> ToFormValues(Integration integration, ApiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(parameters);
        var fields = integration.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in parameters.Names)
        {
            if (fields.TryGetValue(name, out var field))
            {
                values[name] = (field.Type, parameters.Node(name)) switch
                {
                    (Fields.FieldType.KeyValue, JsonArray pairs) => Lines(pairs),
                    (Fields.FieldType.StringList, JsonArray items) => string.Join(", ", items.Select(i => i is JsonValue v && v.TryGetValue<string>(out var text) ? text : i?.ToJsonString())),
                    _ => parameters.Text(name),
                };
            }
            else if (name.EndsWith("_events", StringComparison.Ordinal) && IntegrationEventNames.TryParse(name, out var kind)
                     && (integration.SupportedEvents & kind) != 0)
            {
                values[name] = parameters.Text(name);
            }
            else if (name.StartsWith("inherit_", StringComparison.Ordinal) && fields.ContainsKey(name["inherit_".Length..]))
            {
                values[name] = parameters.Text(name);
            }
        }

        if (parameters.Has("use_inherited_settings"))
        {
            values["use_default_settings"] = parameters.Text("use_inherited_settings");
        }

        return values;
    }

    /// <summary><c>[{"key": "X-A", "value": "1"}]</c> as <c>X-A=1</c> lines; a pair without a value keeps the stored one.</summary>
    private static string Lines(JsonArray pairs) => string.Join('\n', pairs.OfType<JsonObject>()
        .Where(p => p["key"] is not null)
        .Select(p => $"{p["key"]!.GetValue<string>()}={(p["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : SecretMask.Value)}"));
}
