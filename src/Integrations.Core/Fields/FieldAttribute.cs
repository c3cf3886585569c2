namespace Integrations.Fields;

/// <summary>
/// Declares a typed integration property as a settings field. The field name is the property name in
/// snake_case. Put it on the property that reads and writes the value:
/// <code>
/// [Field(FieldType.Text, Title = "Server URL", Required = true, IsUrl = true, ExposesSecrets = true)]
/// public string? Url { get => GetProperty&lt;string&gt;(); set => SetProperty(value); }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class FieldAttribute : Attribute
{
    /// <summary>Declares a field of the given type.</summary>
    /// <param name="type">How the field is edited.</param>
    public FieldAttribute(FieldType type) => Type = type;

    /// <summary>How the field is edited.</summary>
    public FieldType Type { get; }

    /// <summary>Overrides the stored key (defaults to the property name in snake_case).</summary>
    public string? Name { get; set; }

    /// <inheritdoc cref="IntegrationField.Title"/>
    public string? Title { get; set; }

    /// <inheritdoc cref="IntegrationField.Placeholder"/>
    public string? Placeholder { get; set; }

    /// <inheritdoc cref="IntegrationField.Help"/>
    public string? Help { get; set; }

    /// <inheritdoc cref="IntegrationField.Required"/>
    public bool Required { get; set; }

    /// <inheritdoc cref="IntegrationField.CheckboxLabel"/>
    public string? CheckboxLabel { get; set; }

    /// <summary>The values of a select field. For an enum property they default to its members in snake_case.</summary>
    public string[]? Choices { get; set; }

    /// <inheritdoc cref="IntegrationField.NonEmptyPasswordTitle"/>
    public string? NonEmptyPasswordTitle { get; set; }

    /// <inheritdoc cref="IntegrationField.NonEmptyPasswordHelp"/>
    public string? NonEmptyPasswordHelp { get; set; }

    /// <inheritdoc cref="IntegrationField.Section"/>
    public string? Section { get; set; }

    /// <inheritdoc cref="IntegrationField.ApiOnly"/>
    public bool ApiOnly { get; set; }

    /// <inheritdoc cref="IntegrationField.IsSecret"/>
    public bool IsSecret { get; set; }

    /// <inheritdoc cref="IntegrationField.ExposesSecrets"/>
    public bool ExposesSecrets { get; set; }

    /// <inheritdoc cref="IntegrationField.IsUrl"/>
    public bool IsUrl { get; set; }

    /// <summary>The smallest allowed number; <see cref="double.NaN"/> (the default) for none.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>The largest allowed number; <see cref="double.NaN"/> (the default) for none.</summary>
    public double Max { get; set; } = double.NaN;
}
