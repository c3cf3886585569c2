using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Integrations.Fields;
using Integrations.Registry;

namespace Integrations.Serialization;

/// <summary>
/// The JSON forms of field metadata, catalog entries and settings views (snake_case, source-generated), for any
/// front end that renders settings forms.
/// </summary>
public static class IntegrationsJson
{
    /// <summary>
    /// Options for record-typed property values: snake_case, source-generated metadata for the core's types and
    /// reflection for the integration's own records. Read-only.
    /// </summary>
    public static JsonSerializerOptions PropertyOptions { get; } = CreatePropertyOptions();

    /// <summary>Serializes field metadata, for example <c>[{"name":"url","type":"text","required":true,…}]</c>.</summary>
    /// <param name="fields">The fields.</param>
    public static string SerializeFields(IReadOnlyList<IntegrationField> fields) =>
        JsonSerializer.Serialize(fields, IntegrationsJsonContext.Default.IReadOnlyListIntegrationField);

    /// <summary>Serializes catalog entries.</summary>
    /// <param name="entries">The entries.</param>
    public static string SerializeCatalog(IReadOnlyList<IntegrationCatalogEntry> entries) =>
        JsonSerializer.Serialize(entries, IntegrationsJsonContext.Default.IReadOnlyListIntegrationCatalogEntry);

    /// <summary>Serializes the client view of an integration (secrets masked).</summary>
    /// <param name="integration">The integration.</param>
    public static string SerializeForClient(Integration integration) =>
        JsonSerializer.Serialize(IntegrationSettingsView.From(integration), IntegrationsJsonContext.Default.IntegrationSettingsView);

    private static JsonSerializerOptions CreatePropertyOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            TypeInfoResolver = JsonTypeInfoResolver.Combine(IntegrationsJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
