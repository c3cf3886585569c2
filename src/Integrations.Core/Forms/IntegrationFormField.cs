using Integrations.Fields;

namespace Integrations.Forms;

/// <summary>
/// One control of a settings form, ready to render: its label, help, current value as text (never a secret), choices,
/// where an inherited value comes from, and the validation errors to show beside it.
/// </summary>
public sealed record IntegrationFormField
{
    /// <summary>The field's metadata.</summary>
    public required IntegrationField Field { get; init; }

    /// <summary>The form key (the field name) to post the value under.</summary>
    public string Name => Field.Name;

    /// <summary>The id to give the control, for its <c>label for</c> and error references.</summary>
    public string InputId => "field-" + Field.Name;

    /// <summary>
    /// The label: the field's title, or for a secret that has a value its "enter new" title (GitLab's "Enter new
    /// password"), so the form never suggests the value is shown.
    /// </summary>
    public required string Label { get; init; }

    /// <summary>The help text: the field's, or for a secret that has a value its "leave blank to keep" help.</summary>
    public string? Help { get; init; }

    /// <summary>
    /// The value as the control shows it: text as is, checkboxes <c>true</c>/<c>false</c>, lists comma-separated, named
    /// values as <c>Name=value</c> lines with secret values masked, secrets in URLs masked; the type's default when
    /// nothing is set; the inherited value while the field inherits (see <see cref="InheritedFrom"/>). Always null for a
    /// secret field: see <see cref="HasSecretValue"/>.
    /// </summary>
    public string? Value { get; init; }

    /// <summary>Whether a secret field has a stored value (the control stays empty and says "Enter new …").</summary>
    public bool HasSecretValue { get; init; }

    /// <summary>Whether a value is required (shown with a marker).</summary>
    public bool Required => Field.Required;

    /// <summary>The choices of a select, in order.</summary>
    public IReadOnlyList<FieldChoice> Choices => Field.Choices;

    /// <summary>The scope the value is inherited from, while the field inherits (per-field inheritance); else null.</summary>
    public IntegrationScope? InheritedFrom { get; init; }

    /// <summary>Whether the field may inherit its value from an ancestor (the form offers "use the inherited value").</summary>
    public bool CanInherit { get; init; }

    /// <summary>The validation errors to show beside the control.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
