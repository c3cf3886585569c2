namespace Integrations.Storage;

/// <summary>One row of <c>integration_state</c>: a value an integration remembers under a key.</summary>
internal sealed class IntegrationStateRecord
{
    /// <summary>The longest key, in characters.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The integration that remembers it.</summary>
    public Guid IntegrationId { get; set; }

    /// <summary>The key, unique per integration.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The value.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>When it was last written (Unix ms).</summary>
    public long UpdatedAt { get; set; }
}
