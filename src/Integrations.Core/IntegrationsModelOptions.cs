namespace Integrations;

/// <summary>Names of the integrations tables in the host's model.</summary>
public sealed class IntegrationsModelOptions
{
    /// <summary>The database schema.</summary>
    /// <value>Null by default: the context's default schema.</value>
    public string? Schema { get; set; }

    /// <summary>The integrations table name.</summary>
    /// <value><c>integrations</c> by default.</value>
    public string IntegrationsTable { get; set; } = "integrations";

    /// <summary>The outbox of deliveries.</summary>
    /// <value><c>integration_deliveries</c> by default.</value>
    public string DeliveriesTable { get; set; } = "integration_deliveries";

    /// <summary>Event payloads, stored once per dispatched event and shared by its deliveries.</summary>
    /// <value><c>integration_payloads</c> by default.</value>
    public string PayloadsTable { get; set; } = "integration_payloads";

    /// <summary>The log of delivery attempts.</summary>
    /// <value><c>integration_delivery_attempts</c> by default.</value>
    public string AttemptsTable { get; set; } = "integration_delivery_attempts";

    /// <summary>The auto-disable state per integration.</summary>
    /// <value><c>integration_health</c> by default.</value>
    public string HealthTable { get; set; } = "integration_health";

    /// <summary>What each integration remembers between deliveries (<see cref="State.IIntegrationState"/>).</summary>
    /// <value><c>integration_state</c> by default.</value>
    public string StateTable { get; set; } = "integration_state";
}
