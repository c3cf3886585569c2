using System.Text.Json.Serialization;

namespace Integrations.Health;

/// <summary>How an integration's deliveries are going. Serialized in snake_case (<c>temporarily_disabled</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IntegrationHealthStatus>))]
public enum IntegrationHealthStatus
{
    /// <summary>The last attempt succeeded, or none failed yet.</summary>
    [JsonStringEnumMemberName("healthy")]
    Healthy = 0,

    /// <summary>Recent attempts failed, within the grace count.</summary>
    [JsonStringEnumMemberName("failing")]
    Failing = 1,

    /// <summary>Too many failures: deliveries wait until <see cref="IntegrationHealth.DisabledUntil"/>.</summary>
    [JsonStringEnumMemberName("temporarily_disabled")]
    TemporarilyDisabled = 2,

    /// <summary>Deliveries stopped until a successful test or an edit (after 40 failures, or HTTP 410 Gone).</summary>
    [JsonStringEnumMemberName("permanently_disabled")]
    PermanentlyDisabled = 3,
}
