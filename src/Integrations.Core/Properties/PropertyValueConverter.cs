using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Serialization;

namespace Integrations.Properties;

/// <summary>
/// Converts between stored JSON values and typed property values. Reading is lenient, because values arrive from
/// HTML forms and older rows: booleans accept <c>"true"</c>, <c>"1"</c>, <c>"on"</c> and <c>"yes"</c>; numbers accept
/// numeric strings; string lists accept comma or newline separated text; enums accept snake_case or member
/// names. A value that cannot be read yields the type's default, and the stored value is kept untouched.
/// </summary>
internal static class PropertyValueConverter
{
    public static T? FromNode<T>(JsonNode? node)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            return (T?)Read(node, target);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or JsonException or OverflowException or NotSupportedException or InvalidCastException)
        {
            return default;
        }
    }

    public static JsonNode? ToNode<T>(T? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonNode node:
                return node;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case Enum e:
                return JsonValue.Create(SnakeCase.Convert(e.ToString()));
            case int or long or short or byte or double or float or decimal or uint or ulong or ushort or sbyte:
                return JsonSerializer.SerializeToNode(value, typeof(T), IntegrationsJson.PropertyOptions);
            case IEnumerable<string> list:
                return new JsonArray(list.Select(item => (JsonNode?)JsonValue.Create(item)).ToArray());
            default:
                return JsonSerializer.SerializeToNode(value, typeof(T), IntegrationsJson.PropertyOptions);
        }
    }

    /// <summary>Reads a boolean the way HTML forms send it.</summary>
    public static bool? ToBoolean(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => node.GetValue<decimal>() != 0,
        JsonValueKind.String => ParseBoolean(node.GetValue<string>()),
        _ => null,
    };

    public static bool? ParseBoolean(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "on" or "yes" or "t" or "y" => true,
        "false" or "0" or "off" or "no" or "f" or "n" or "" => false,
        _ => null,
    };

    /// <summary>Splits form text into list items on commas and line breaks.</summary>
    public static string[] SplitList(string text) =>
        text.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Reads a value as text: strings as they are, other JSON as its JSON text.</summary>
    public static string? ToText(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static object? Read(JsonNode node, Type target)
    {
        var kind = node.GetValueKind();
        if (target == typeof(string))
        {
            return ToText(node);
        }

        if (target == typeof(bool))
        {
            return ToBoolean(node);
        }

        if (target.IsEnum)
        {
            return ReadEnum(node, kind, target);
        }

        if (IsNumber(target))
        {
            if (kind == JsonValueKind.String)
            {
                var text = node.GetValue<string>().Trim();
                return text.Length == 0 ? null : Convert.ChangeType(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), target, CultureInfo.InvariantCulture);
            }

            return node.Deserialize(target, IntegrationsJson.PropertyOptions);
        }

        if (kind == JsonValueKind.String && IsStringList(target))
        {
            var items = SplitList(node.GetValue<string>());
            return target.IsArray ? items : items.ToList();
        }

        return node.Deserialize(target, IntegrationsJson.PropertyOptions);
    }

    private static object? ReadEnum(JsonNode node, JsonValueKind kind, Type target)
    {
        if (kind == JsonValueKind.Number)
        {
            return Enum.ToObject(target, node.GetValue<long>());
        }

        var text = ToText(node)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        foreach (var name in Enum.GetNames(target))
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(SnakeCase.Convert(name), text, StringComparison.Ordinal))
            {
                return Enum.Parse(target, name);
            }
        }

        return null;
    }

    private static bool IsNumber(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal) || t == typeof(float)
        || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) || t == typeof(ushort);

    private static bool IsStringList(Type t) =>
        t == typeof(string[]) || (t != typeof(object) && t.IsAssignableFrom(typeof(List<string>)));
}
