using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Fields;

namespace Integrations.Properties;

/// <summary>Converts one posted form value into the stored JSON value of a field.</summary>
internal static class FormValueBinder
{
    public static void Apply(Integration integration, IntegrationField field, string? text)
    {
        if (field.IsSecretValue && (string.IsNullOrEmpty(text) || text == SecretMask.Value))
        {
            // Blank or masked: the person did not re-enter the secret, so the stored one stays (GitLab's rule).
            return;
        }

        integration.SetRawValue(field.Name, ToNode(field, text));
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
