using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Serialization;

/// <summary>
/// An integration as it may be sent to a client (a settings form, an API response): secrets replaced by
/// <see cref="SecretMask.Value"/> when set and null when not, and secrets inside URLs (user-info, secret query values)
/// masked by <see cref="SecretMask.Url"/>, so no secret ever leaves the server. A form that posts a masked URL back
/// unchanged keeps the stored one (<see cref="Integration.ApplyFormValues"/>).
/// </summary>
public sealed record IntegrationSettingsView
{
    /// <summary>The integration id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The type slug.</summary>
    public required string Type { get; init; }

    /// <summary>The scope, as <c>instance</c>, <c>group:ID</c> or <c>project:ID</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>Whether it is active.</summary>
    public required bool Active { get; init; }

    /// <summary>Whether it uses the ancestor's settings.</summary>
    public required bool UseDefaultSettings { get; init; }

    /// <summary>The fields inherited from the ancestor.</summary>
    public required IReadOnlyList<string> InheritedFields { get; init; }

    /// <summary>The subscribed events, by name.</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>The settings by field name, secrets masked; keys no field declares are left out.</summary>
    public required IReadOnlyDictionary<string, JsonElement?> Properties { get; init; }

    /// <summary>The concurrency version the client must send back with changes.</summary>
    public required int Version { get; init; }

    /// <summary>Named secret values (custom headers) are shown by name, every value masked.</summary>
    private static JsonObject MaskValues(JsonObject values)
    {
        var masked = new JsonObject();
        foreach (var (name, _) in values)
        {
            masked[name] = SecretMask.Value;
        }

        return masked;
    }

    /// <summary>Builds the view of an integration.</summary>
    /// <param name="integration">The integration.</param>
    public static IntegrationSettingsView From(Integration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var properties = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        foreach (var field in integration.Fields)
        {
            var raw = integration.Bag.GetRaw(field.Name);
            JsonNode? shown = raw is null ? null
                : field.IsSecretValue && raw is JsonObject named ? MaskValues(named)
                : field.IsSecretValue ? JsonValue.Create(SecretMask.Value)
                : raw is JsonValue value && value.TryGetValue<string>(out var text) ? JsonValue.Create(SecretMask.Url(text))
                : raw;
            properties[field.Name] = shown is null ? null : JsonSerializer.SerializeToElement(shown, IntegrationsJsonContext.Default.JsonNode);
        }

        return new IntegrationSettingsView
        {
            Id = integration.Id,
            Type = integration.Type,
            Scope = integration.Scope.ToString(),
            Active = integration.Active,
            UseDefaultSettings = integration.UseDefaultSettings,
            InheritedFields = integration.InheritedFields.ToArray(),
            Events = IntegrationEventNames.ToNames(integration.EnabledEvents),
            Properties = properties,
            Version = integration.Version,
        };
    }
}
