using System.Text.Json.Serialization;

namespace Integrations.Fields;

/// <summary>How a settings field is edited; exported as a snake_case string (<c>string_list</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldType>))]
public enum FieldType
{
    /// <summary>A single line of text.</summary>
    [JsonStringEnumMemberName("text")] Text,

    /// <summary>Several lines of text.</summary>
    [JsonStringEnumMemberName("textarea")] Textarea,

    /// <summary>A secret: encrypted at rest, never sent back to clients.</summary>
    [JsonStringEnumMemberName("password")] Password,

    /// <summary>A boolean switch.</summary>
    [JsonStringEnumMemberName("checkbox")] Checkbox,

    /// <summary>A number, optionally bounded by <see cref="IntegrationField.Min"/> and <see cref="IntegrationField.Max"/>.</summary>
    [JsonStringEnumMemberName("number")] Number,

    /// <summary>One value from <see cref="IntegrationField.Choices"/>.</summary>
    [JsonStringEnumMemberName("select")] Select,

    /// <summary>A list of strings (comma or newline separated in forms).</summary>
    [JsonStringEnumMemberName("string_list")] StringList,

    /// <summary>
    /// Named values (custom headers, URL variables): a JSON object of strings; in forms one <c>name=value</c> per line.
    /// When the field is secret, clients see the names with every value masked, and a line posted back with the mask
    /// as its value keeps that name's stored value.
    /// </summary>
    [JsonStringEnumMemberName("key_value")] KeyValue,
}
