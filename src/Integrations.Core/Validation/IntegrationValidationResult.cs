namespace Integrations.Validation;

/// <summary>The outcome of validating an integration: errors keyed by field name (or <c>active</c>, <c>events</c>, <c>scope</c>, …).</summary>
public sealed class IntegrationValidationResult
{
    /// <summary>A valid result.</summary>
    public static IntegrationValidationResult Valid { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Creates a result.</summary>
    /// <param name="errors">Error messages keyed by field name; secret values never appear in them.</param>
    public IntegrationValidationResult(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) => Errors = errors;

    /// <summary>Whether there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Error messages keyed by field name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors { get; }

    /// <summary>Every error as <c>field: message</c>, joined with "; ".</summary>
    public override string ToString() =>
        string.Join("; ", Errors.SelectMany(kv => kv.Value.Select(m => kv.Key + ": " + m)));
}
