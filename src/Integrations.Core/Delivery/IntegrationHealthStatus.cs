namespace Integrations.Delivery;

/// <summary>How an integration's deliveries are going.</summary>
public enum IntegrationHealthStatus
{
    /// <summary>The last attempt succeeded, or none failed yet.</summary>
    Healthy = 0,

    /// <summary>Recent attempts failed, within the grace count.</summary>
    Failing = 1,

    /// <summary>Too many failures: deliveries wait until <see cref="IntegrationHealth.DisabledUntil"/>.</summary>
    TemporarilyDisabled = 2,

    /// <summary>Deliveries stopped until a successful test or an edit (after 40 failures, or HTTP 410 Gone).</summary>
    PermanentlyDisabled = 3,
}
