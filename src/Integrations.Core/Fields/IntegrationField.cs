using System.Text.Json.Serialization;

namespace Integrations.Fields;

/// <summary>
/// Metadata for one settings field: everything a front end needs to render, label and check it. One declaration
/// drives the typed property, the form, validation and secret handling. Exported as JSON
/// (see <see cref="Serialization.IntegrationsJson"/>).
/// </summary>
public sealed record IntegrationField
{
    /// <summary>Creates a field.</summary>
    /// <param name="name">The snake_case key the value is stored under, for example <c>webhook_url</c>.</param>
    /// <param name="type">How the field is edited.</param>
    public IntegrationField(string name, FieldType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    /// <summary>The snake_case key the value is stored under.</summary>
    public string Name { get; }

    /// <summary>How the field is edited.</summary>
    public FieldType Type { get; }

    /// <summary>The label; defaults to the name in sentence case.</summary>
    public string? Title { get; init; }

    /// <summary>Placeholder text for an empty input.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Help text shown under the input.</summary>
    public string? Help { get; init; }

    /// <summary>Whether a value is needed when the integration is active.</summary>
    public bool Required { get; init; }

    /// <summary>The label next to a checkbox.</summary>
    public string? CheckboxLabel { get; init; }

    /// <summary>The options of a select field.</summary>
    public IReadOnlyList<FieldChoice> Choices { get; init; } = [];

    /// <summary>The label of a password field that already has a value ("Enter new API token").</summary>
    public string? NonEmptyPasswordTitle { get; init; }

    /// <summary>The help of a password field that already has a value ("Leave blank to use your current token").</summary>
    public string? NonEmptyPasswordHelp { get; init; }

    /// <summary>The form section (<see cref="FieldSections"/>); null puts it in the default section.</summary>
    public string? Section { get; init; }

    /// <summary>Whether the field is settable through the API only and is not shown in forms.</summary>
    public bool ApiOnly { get; init; }

    /// <summary>
    /// Whether the value is a secret although the field is not a password input (for example a Slack webhook URL,
    /// which carries its own credential). Secret values are encrypted at rest and masked everywhere.
    /// </summary>
    public bool IsSecret { get; init; }

    /// <summary>
    /// Whether changing this field could send stored secrets somewhere else (a server URL). When it changes and
    /// the secrets are not entered again in the same edit, they are cleared.
    /// </summary>
    public bool ExposesSecrets { get; init; }

    /// <summary>Whether the value must be an absolute http or https URL.</summary>
    public bool IsUrl { get; init; }

    /// <summary>The smallest allowed value of a number field.</summary>
    public double? Min { get; init; }

    /// <summary>The largest allowed value of a number field.</summary>
    public double? Max { get; init; }

    /// <summary>Whether the value is protected as a secret (a password field or one marked <see cref="IsSecret"/>).</summary>
    [JsonIgnore]
    public bool IsSecretValue => Type == FieldType.Password || IsSecret;

    /// <summary>
    /// Whether the value is encrypted at rest: secrets, and fields that <see cref="ExposesSecrets"/> (a URL may carry
    /// credentials of its own, <c>https://user:pass@host</c> or <c>?token=…</c>, as GitLab's encrypted hook URLs assume).
    /// </summary>
    [JsonIgnore]
    public bool IsEncryptedAtRest => IsSecretValue || ExposesSecrets;
}
