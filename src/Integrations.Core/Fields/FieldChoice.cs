namespace Integrations.Fields;

/// <summary>One option of a <see cref="FieldType.Select"/> field.</summary>
/// <param name="Value">The stored value.</param>
/// <param name="Label">The text shown to people.</param>
public sealed record FieldChoice(string Value, string Label);
