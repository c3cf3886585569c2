using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Properties;

/// <summary>Reads and writes the values of <see cref="Fields.FieldType.KeyValue"/> fields: a JSON object of strings.</summary>
internal static class NamedValues
{
    /// <summary>
    /// Parses form text: a JSON object, or one <c>name=value</c> per line (blank lines ignored). A line without <c>=</c>
    /// or with an empty name, or a JSON value that is not an object of strings, is kept as text so validation reports it.
    /// A value equal to <see cref="SecretMask.Value"/> takes the value stored under the same name in <paramref name="current"/>.
    /// </summary>
    public static JsonNode Parse(string text, JsonNode? current)
    {
        var trimmed = text.Trim();
        JsonObject result;
        if (trimmed.StartsWith('{'))
        {
            try
            {
                result = JsonNode.Parse(trimmed) as JsonObject ?? new JsonObject();
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);
            }
        }
        else
        {
            result = [];
            foreach (var line in trimmed.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return JsonValue.Create(text);
                }

                result[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        var stored = current as JsonObject;
        foreach (var (name, value) in result.ToArray())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s) && s == SecretMask.Value
                && stored?[name] is JsonValue kept && kept.TryGetValue<string>(out var keptText))
            {
                result[name] = keptText;
            }
        }

        return result;
    }

    /// <summary>The names and values, or null when the node is not an object of strings.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Read(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        var list = new List<KeyValuePair<string, string>>(obj.Count);
        foreach (var (name, value) in obj)
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                return null;
            }

            list.Add(new(name, text));
        }

        return list;
    }

    /// <summary>
    /// The secret strings a stored value holds: the text of a plain value, or each string inside an object or array
    /// (so one header value is masked wherever it appears, not only the whole object's JSON).
    /// </summary>
    public static IEnumerable<string> SecretTexts(JsonNode? node)
    {
        switch (node)
        {
            case null:
                yield break;
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var text in SecretTexts(value))
                    {
                        yield return text;
                    }
                }

                yield break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var text in SecretTexts(item))
                    {
                        yield return text;
                    }
                }

                yield break;
            default:
                if (PropertyValueConverter.ToText(node) is { Length: > 0 } plain)
                {
                    yield return plain;
                }

                yield break;
        }
    }
}
