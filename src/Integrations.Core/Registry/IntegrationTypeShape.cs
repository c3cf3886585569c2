using System.Collections.Frozen;
using System.Reflection;
using Integrations.Fields;

namespace Integrations.Registry;

/// <summary>
/// What is known about an integration class from its declaration alone: slug, fields and the map from property
/// names to stored keys. Built once per registered type by the registry; built on demand for instances made
/// outside it.
/// </summary>
internal sealed class IntegrationTypeShape
{
    private readonly FrozenDictionary<string, string> _keysByMember;

    private IntegrationTypeShape(Type type)
    {
        Type = type;
        Slug = IntegrationTypeNaming.SlugFor(type);
        Fields = FieldMetadataReader.Read(type);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var name = property.GetCustomAttribute<FieldAttribute>(inherit: true)?.Name ?? SnakeCase.Convert(property.Name);
            keys.TryAdd(property.Name, name);
        }

        // Read on every typed property get: a frozen map is the cheapest lookup for a fixed set of names.
        _keysByMember = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Type Type { get; }

    public string Slug { get; }

    public IReadOnlyList<IntegrationField> Fields { get; }

    public static IntegrationTypeShape For(Type type) => new(type);

    /// <summary>Maps a property name (<c>WebhookUrl</c>) or a key (<c>webhook_url</c>) to its stored key.</summary>
    public string KeyOf(string name) =>
        _keysByMember.TryGetValue(name, out var key) ? key : SnakeCase.Convert(name);
}
