using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Integrations.Fields;
using Integrations.Registry;

namespace Integrations.Serialization;

/// <summary>Source-generated JSON metadata for everything the core serializes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(Dictionary<string, JsonNode?>))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IntegrationField))]
[JsonSerializable(typeof(IReadOnlyList<IntegrationField>))]
[JsonSerializable(typeof(IntegrationCatalogEntry))]
[JsonSerializable(typeof(IReadOnlyList<IntegrationCatalogEntry>))]
[JsonSerializable(typeof(IntegrationSettingsView))]
internal sealed partial class IntegrationsJsonContext : JsonSerializerContext;
