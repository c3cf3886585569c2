namespace Integrations.Persistence;

/// <summary>Names of the integrations tables in the host's model.</summary>
public sealed class IntegrationsModelOptions
{
    /// <summary>The database schema.</summary>
    /// <value>Null by default: the context's default schema.</value>
    public string? Schema { get; set; }

    /// <summary>The integrations table name.</summary>
    /// <value><c>integrations</c> by default.</value>
    public string IntegrationsTable { get; set; } = "integrations";
}
