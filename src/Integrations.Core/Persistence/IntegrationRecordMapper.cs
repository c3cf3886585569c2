using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Properties;
using Integrations.Registry;
using Integrations.Secrets;
using Integrations.Storage;

namespace Integrations.Persistence;

/// <summary>
/// Maps between <see cref="Integration"/> objects and <see cref="IntegrationRecord"/> rows, encrypting on the way in
/// every field that is <see cref="Fields.IntegrationField.IsEncryptedAtRest"/> (secrets and URLs that expose them).
/// </summary>
internal sealed class IntegrationRecordMapper
{
    private readonly IIntegrationRegistry _registry;
    private readonly SecretProtector _protector;

    public IntegrationRecordMapper(IIntegrationRegistry registry, SecretProtector protector)
    {
        _registry = registry;
        _protector = protector;
    }

    public static string? SingletonKey(IntegrationTypeDescriptor descriptor, IntegrationScope scope) =>
        descriptor.AllowMultiplePerScope ? null : string.Join('|', descriptor.Slug, (int)scope.Kind, scope.Id);

    public IntegrationRecord ToRecord(Integration integration, IntegrationTypeDescriptor descriptor)
    {
        var secretKeys = integration.Fields.Where(f => f.IsEncryptedAtRest).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var properties = integration.Bag.ToJson((key, value) =>
            value is not null && secretKeys.Contains(key)
                ? JsonValue.Create(_protector.Protect(value.ToJsonString(), AssociatedData(integration.Id, key)))
                : value);

        return new IntegrationRecord
        {
            Id = integration.Id,
            Type = descriptor.Slug,
            ScopeKind = integration.Scope.Kind,
            ScopeId = integration.Scope.Id,
            SingletonKey = SingletonKey(descriptor, integration.Scope),
            Active = integration.Active,
            UseDefaultSettings = integration.UseDefaultSettings,
            InheritedFields = string.Join(',', integration.InheritedFields),
            EnabledEvents = IntegrationEventNames.Format(integration.EnabledEvents),
            Properties = properties,
            Version = integration.Version,
            CreatedAt = integration.CreatedAt,
            UpdatedAt = integration.UpdatedAt,
        };
    }

    public bool TryMaterialize(IntegrationRecord record, [NotNullWhen(true)] out Integration? integration, [NotNullWhen(false)] out BrokenIntegration? broken)
    {
        integration = null;
        broken = null;
        IntegrationScope scope;
        try
        {
            scope = IntegrationScope.From(record.ScopeKind, record.ScopeId);
        }
        catch (ArgumentException)
        {
            broken = new BrokenIntegration(record.Id, record.Type, IntegrationScope.Instance, $"The scope ({record.ScopeKind}, '{record.ScopeId}') is not valid.");
            return false;
        }

        if (!_registry.TryGet(record.Type, out var descriptor))
        {
            broken = new BrokenIntegration(record.Id, record.Type, scope, $"The integration type '{record.Type}' is not registered.");
            return false;
        }

        PropertyBag bag;
        try
        {
            bag = PropertyBag.Parse(record.Properties);
        }
        catch (JsonException ex)
        {
            broken = new BrokenIntegration(record.Id, record.Type, scope, "The stored settings are not a valid JSON object: " + ex.Message);
            return false;
        }

        var result = descriptor.CreateInstance();
        result.Id = record.Id;
        foreach (var field in result.Fields.Where(f => f.IsEncryptedAtRest))
        {
            var stored = bag.GetRaw(field.Name);
            if (stored?.GetValueKind() != JsonValueKind.String || !SecretProtector.IsProtected(stored.GetValue<string>()))
            {
                continue; // absent, or written before it was encrypted (URLs before 0.x): read as it is, encrypted on the next save.
            }

            try
            {
                var plain = _protector.Unprotect(stored.GetValue<string>(), AssociatedData(record.Id, field.Name));
                bag.Load(field.Name, JsonNode.Parse(plain));
            }
            catch (Exception ex) when (ex is SecretDecryptionException or JsonException)
            {
                broken = new BrokenIntegration(record.Id, record.Type, scope, $"The secret '{field.Name}' cannot be decrypted: {ex.Message}");
                return false;
            }
        }

        result.ReplaceBag(bag);
        result.Scope = scope;
        result.PersistedScope = scope;
        result.Active = record.Active;
        result.UseDefaultSettings = record.UseDefaultSettings;
        foreach (var name in record.InheritedFields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result.InheritedFields.Add(name);
        }

        // Unknown event names (from a newer version) are dropped; the rest still load.
        result.EnabledEvents = IntegrationEventNames.Parse(record.EnabledEvents, out _) & result.SupportedEvents;
        result.Version = record.Version;
        result.CreatedAt = record.CreatedAt;
        result.UpdatedAt = record.UpdatedAt;
        integration = result;
        return true;
    }

    private static string AssociatedData(Guid id, string key) => id.ToString("N") + ":" + key;
}
