using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Serialization;

namespace Integrations.Properties;

/// <summary>
/// The JSON property bag behind an integration's typed properties (GitLab's <c>prop_accessor</c>). Keys are
/// snake_case; values are JSON. Keys no declared property knows are kept as they are, so a round-trip through an
/// older or newer version of an integration type loses nothing. Tracks, per key, the value it had when loaded so
/// callers can ask what changed. A bag is written by one thread at a time; once frozen (<see cref="Freeze"/>) it may be
/// read by any number of threads, which is how cached effective settings are shared.
/// </summary>
internal sealed class PropertyBag
{
    public const string ReadOnlyMessage = "These settings are a read-only effective view. Load the integration from the store to change it.";

    private readonly Dictionary<string, JsonNode?> _values;
    private readonly ConcurrentDictionary<string, object?> _typed = new(StringComparer.Ordinal);
    private Dictionary<string, JsonNode?>? _originals;

    public PropertyBag()
        : this(new Dictionary<string, JsonNode?>(StringComparer.Ordinal))
    {
    }

    private PropertyBag(Dictionary<string, JsonNode?> values) => _values = values;

    /// <summary>Once set (by <see cref="Freeze"/>), any write throws: used for shared, cached effective views.</summary>
    public bool IsReadOnly { get; private set; }

    public IEnumerable<string> Keys => _values.Keys;

    public int Count => _values.Count;

    /// <summary>Parses the stored JSON object. Throws <see cref="JsonException"/> when it is not an object.</summary>
    public static PropertyBag Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PropertyBag();
        }

        var values = JsonSerializer.Deserialize(json, IntegrationsJsonContext.Default.DictionaryStringJsonNode)
            ?? throw new JsonException("The properties JSON is 'null', not an object.");
        return new PropertyBag(new Dictionary<string, JsonNode?>(values, StringComparer.Ordinal));
    }

    /// <summary>
    /// Makes the bag read-only and safe to read from many threads: JSON objects and arrays parsed from text build
    /// their children lazily on first access, so every node is materialized now, while only one thread holds the bag.
    /// </summary>
    public void Freeze()
    {
        foreach (var value in _values.Values)
        {
            Materialize(value);
        }

        IsReadOnly = true;
    }

    public JsonNode? GetRaw(string key) => _values.GetValueOrDefault(key);

    public T? Get<T>(string key)
    {
        // A cached value of another type (the key read as int? and now as string) or a cached null is decoded afresh.
        if (_typed.TryGetValue(key, out var cached) && cached is T t)
        {
            return t;
        }

        var value = PropertyValueConverter.FromNode<T>(_values.GetValueOrDefault(key));
        _typed[key] = value;
        return value;
    }

    public void Set<T>(string key, T? value) => SetRaw(key, PropertyValueConverter.ToNode(value));

    public void SetRaw(string key, JsonNode? value)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException(ReadOnlyMessage);
        }

        _originals ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (!_originals.ContainsKey(key))
        {
            _originals[key] = _values.GetValueOrDefault(key);
        }

        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value.Parent is null ? value : value.DeepClone();
        }

        _typed.TryRemove(key, out _);
    }

    /// <summary>Replaces a value while loading, without recording a change.</summary>
    public void Load(string key, JsonNode? value)
    {
        if (value is null)
        {
            _values.Remove(key);
        }
        else
        {
            _values[key] = value;
        }

        _typed.TryRemove(key, out _);
    }

    /// <summary>Whether the key was written since loading (even with the same value).</summary>
    public bool IsTouched(string key) => _originals?.ContainsKey(key) == true;

    /// <summary>Whether the key's value differs from the value it had when loaded.</summary>
    public bool IsChanged(string key) =>
        _originals is not null
        && _originals.TryGetValue(key, out var original)
        && !JsonNode.DeepEquals(original, _values.GetValueOrDefault(key));

    public bool HasChanges => _originals?.Keys.Any(IsChanged) == true;

    public T? GetOriginal<T>(string key) =>
        PropertyValueConverter.FromNode<T>(
            _originals is not null && _originals.TryGetValue(key, out var original) ? original : _values.GetValueOrDefault(key));

    /// <summary>Forgets change tracking: the current values become the loaded ones.</summary>
    public void AcceptChanges() => _originals = null;

    public PropertyBag Clone() => new(_values.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal));

    public void WriteTo(Utf8JsonWriter writer, Func<string, JsonNode?, JsonNode?>? transform = null)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in _values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            var written = transform is null ? value : transform(key, value);
            if (written is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                written.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    public string ToJson(Func<string, JsonNode?, JsonNode?>? transform = null)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer, transform);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }
}
