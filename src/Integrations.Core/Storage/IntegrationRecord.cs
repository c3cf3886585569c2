namespace Integrations.Storage;

/// <summary>
/// One row of the <c>integrations</c> table. Hosts never need to touch it: use <see cref="Persistence.IIntegrationStore"/>. It is
/// public so the table can live in the host's own <c>DbContext</c> and migrations.
/// </summary>
internal sealed class IntegrationRecord
{
    /// <summary>The integration id.</summary>
    public Guid Id { get; set; }

    /// <summary>The type slug (older rows may carry a legacy name, read through the registry).</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The scope level.</summary>
    public ScopeKind ScopeKind { get; set; }

    /// <summary>The group or project id; empty for the instance.</summary>
    public string ScopeId { get; set; } = string.Empty;

    /// <summary>
    /// <c>type|scope kind|scope id</c> for types allowed once per scope, null for types allowed many times; unique, so
    /// the database itself refuses a second Slack integration on one project.
    /// </summary>
    public string? SingletonKey { get; set; }

    /// <summary>Whether the integration runs.</summary>
    public bool Active { get; set; }

    /// <summary>Whether every setting comes from the nearest ancestor ("use default settings").</summary>
    public bool UseDefaultSettings { get; set; }

    /// <summary>Comma-separated names of the fields inherited from the nearest ancestor.</summary>
    public string InheritedFields { get; set; } = string.Empty;

    /// <summary>Comma-separated names of the subscribed events.</summary>
    public string EnabledEvents { get; set; } = string.Empty;

    /// <summary>The settings as a JSON object; secret values are encrypted strings.</summary>
    public string Properties { get; set; } = "{}";

    /// <summary>The optimistic-concurrency version, incremented by every save.</summary>
    public int Version { get; set; }

    /// <summary>When the row was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the row was last updated (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
