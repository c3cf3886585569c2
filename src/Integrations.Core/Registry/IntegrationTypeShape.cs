using System.Reflection;
using Integrations.Fields;
using Integrations.Properties;

namespace Integrations.Registry;

/// <summary>
/// What is known about an integration class from its declaration alone: slug, fields and the map from property
/// names to stored keys. Built once per registered type by the registry; built on demand for instances made
/// outside it.
/// </summary>
internal sealed class IntegrationTypeShape
{
    private readonly Dictionary<string, string> _keysByMember;
    private readonly string?[] _slotMembers;
    private readonly string?[] _slotKeys;

    private IntegrationTypeShape(Type type)
    {
        Type = type;
        Slug = IntegrationTypeNaming.SlugFor(type);
        Fields = FieldMetadataReader.Read(type);
        _keysByMember = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            var name = property.GetCustomAttribute<FieldAttribute>(inherit: true)?.Name ?? SnakeCase.Convert(property.Name);
            _keysByMember.TryAdd(property.Name, name);
        }

        // Slots for the declared typed properties, in declaration order: the hot ones are found by reference.
        var declared = type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.DeclaringType != typeof(Integration) && p.GetMethod is not null)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
        // Each property's slot is its home (see TypedSlot.HomeOf) when that is free; a property whose home is taken goes
        // after the homes and is found by the slow path.
        var members = new List<string?>(new string?[TypedSlot.Homes]);
        foreach (var property in declared)
        {
            var home = TypedSlot.HomeOf(property.Name);
            if (members[home] is null)
            {
                members[home] = property.Name;
            }
            else
            {
                members.Add(property.Name);
            }
        }

        _slotMembers = members.ToArray();
        _slotKeys = _slotMembers.Select(m => m is null ? null : _keysByMember[m]).ToArray();
    }

    public Type Type { get; }

    public string Slug { get; }

    public IReadOnlyList<IntegrationField> Fields { get; }

    public static IntegrationTypeShape For(Type type) => new(type);

    /// <summary>A fresh, empty typed-value cache: a slot per declared property, at its home where it could have it.</summary>
    public TypedSlot[] NewSlots()
    {
        var slots = new TypedSlot[_slotMembers.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i].Member = _slotMembers[i];
        }

        return slots;
    }

    /// <summary>
    /// Keeps the string a getter passed for a slot. <c>[CallerMemberName]</c> passes the same literal from every call
    /// site, so new caches compare it by reference. The literal is not interned ahead of time on purpose: a string
    /// the JIT meets first goes to the frozen heap and is compiled in as a constant.
    /// </summary>
    public void RememberMember(int slot, string member) => _slotMembers[slot] = member;

    /// <summary>The stored key of a slot.</summary>
    public string SlotKey(int slot) => _slotKeys[slot]!;

    /// <summary>
    /// The slot of a property, or -1: by reference first (the literal that <c>[CallerMemberName]</c> passes), then by text.
    /// </summary>
    public int SlotOf(string memberName)
    {
        var members = _slotMembers;
        for (var i = 0; i < members.Length; i++)
        {
            if (ReferenceEquals(members[i], memberName))
            {
                return i;
            }
        }

        return Array.IndexOf(members, memberName);
    }

    /// <summary>Maps a property name (<c>WebhookUrl</c>) or a key (<c>webhook_url</c>) to its stored key.</summary>
    public string KeyOf(string name) =>
        _keysByMember.TryGetValue(name, out var key) ? key : SnakeCase.Convert(name);
}
